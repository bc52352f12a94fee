defmodule ShopWeb.PostLive.Index do
  use ShopWeb, :live_view

  alias Shop.Blog

  @impl true
  def mount(_params, _session, socket) do
    if connected?(socket), do: Blog.subscribe()

    {:ok, assign(socket, :posts, Blog.list_posts())}
  end

  @impl true
  def handle_info({:posts_changed, _post}, socket) do
    {:noreply, assign(socket, :posts, Blog.list_posts())}
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
