defmodule ShopWeb.PostLive.Index do
  use ShopWeb, :live_view

  alias Shop.Blog

  @impl true
  def mount(_params, _session, socket) do
    socket = stream_configure(socket, :posts, dom_id: &"post-#{&1.id}")
    {:ok, stream(socket, :posts, Blog.posts())}
  end

  @impl true
  def handle_info({:posts_changed, event}, socket) do
    {:noreply, stream(socket, :posts, event.posts, reset: true)}
  end

  def handle_info(:refresh, socket) do
    posts = Blog.posts()
    {:noreply, stream(socket, :posts, posts, reset: true)}
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
