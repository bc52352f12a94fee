defmodule ShopWeb.PostLive.Index do
  use ShopWeb, :live_view

  alias Shop.Blog

  @impl true
  def mount(_params, _session, socket) do
    socket = stream_configure(socket, :posts, dom_id: &"post-#{&1.id}")
    {:ok, stream(socket, :posts, [])}
  end

  @impl true
  def handle_params(%{"tag" => tag}, _uri, socket) do
    {:noreply, stream(socket, :posts, Blog.list_posts(tag: tag), reset: true)}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <div id="posts" phx-update="stream">
      <article :for={{dom_id, post} <- @streams.posts} id={dom_id}><%= post.title %></article>
    </div>
    """
  end
end
