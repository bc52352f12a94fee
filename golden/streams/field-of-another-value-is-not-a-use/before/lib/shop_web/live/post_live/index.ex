defmodule ShopWeb.PostLive.Index do
  use ShopWeb, :live_view

  alias Shop.Blog

  @impl true
  def mount(_params, _session, socket) do
    {:ok, assign(socket, :posts, Blog.posts())}
  end

  @impl true
  def handle_info({:posts_changed, event}, socket) do
    {:noreply, assign(socket, :posts, event.posts)}
  end

  def handle_info(:refresh, socket) do
    posts = Blog.posts()
    {:noreply, assign(socket, :posts, posts)}
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
