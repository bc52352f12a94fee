defmodule ShopWeb.PostLive.Index do
  use ShopWeb, :live_view

  alias Shop.Blog

  @impl true
  def mount(_params, _session, socket) do
    posts = Blog.list_posts()
    {:ok, assign(socket, :posts, posts)}
  end

  @impl true
  def handle_info(:reload, socket) do
    {:noreply, assign(socket, :posts, Blog.list_posts())}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <ul>
      <li :for={post <- @posts}><%= post.title %></li>
    </ul>
    """
  end
end
