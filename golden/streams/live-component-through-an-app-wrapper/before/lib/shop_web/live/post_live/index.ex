defmodule ShopWeb.PostLive.Index do
  use ShopWeb.LiveComponent

  alias Shop.Blog

  @impl true
  def mount(socket) do
    {:ok, assign(socket, :posts, Blog.list_posts())}
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
