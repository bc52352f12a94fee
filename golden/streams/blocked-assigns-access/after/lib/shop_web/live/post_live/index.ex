defmodule ShopWeb.PostLive.Index do
  use ShopWeb, :live_view

  alias Shop.Blog

  @impl true
  def mount(_params, _session, socket) do
    {:ok, assign(socket, :posts, Blog.list_posts())}
  end

  @impl true
  def handle_event("open", %{"id" => id}, socket) do
    post = Enum.find(socket.assigns.posts, &(&1.id == id))
    {:noreply, assign(socket, :open, post)}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <div id="posts">
      <article :for={post <- @posts} id={"post-#{post.id}"}><%= post.title %></article>
    </div>
    """
  end
end
