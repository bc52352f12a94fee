defmodule ShopWeb.PostLive.Index do
  use ShopWeb, :live_view

  alias Shop.Blog

  @impl true
  def mount(_params, _session, socket) do
    {:ok, assign(socket, :posts, Blog.list_posts())}
  end

  @impl true
  def handle_info({:post_deleted, id}, socket) do
    {:noreply, update(socket, :posts, &Enum.reject(&1, fn p -> p.id == id end))}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <p><%= length(@posts) %> posts</p>
    <div id="posts">
      <article :for={post <- @posts} id={"post-#{post.id}"}><%= post.title %></article>
    </div>
    """
  end
end
