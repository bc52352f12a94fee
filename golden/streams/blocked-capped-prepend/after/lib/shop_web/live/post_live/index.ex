defmodule ShopWeb.PostLive.Index do
  use ShopWeb, :live_view

  alias Shop.Blog

  @impl true
  def mount(_params, _session, socket) do
    {:ok, assign(socket, :posts, Blog.list_posts())}
  end

  @impl true
  def handle_info({:post_created, post}, socket) do
    {:noreply, assign(socket, :posts, [post | Enum.take(socket.assigns.posts, 2)])}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <div id="posts">
      <article :for={post <- @posts} id={"posts-#{post.id}"}><%= post.title %></article>
    </div>
    """
  end
end
