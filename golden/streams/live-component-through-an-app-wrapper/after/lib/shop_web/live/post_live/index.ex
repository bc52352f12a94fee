defmodule ShopWeb.PostLive.Index do
  use ShopWeb.LiveComponent

  alias Shop.Blog

  @impl true
  def mount(socket) do
    socket = stream_configure(socket, :posts, dom_id: &"post-#{&1.id}")
    {:ok, stream(socket, :posts, Blog.list_posts())}
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
