defmodule ShopWeb.PostLive.Index do
  use ShopWeb, :live_view

  alias Shop.Blog

  @impl true
  def mount(_params, _session, socket) do
    {:ok, assign(socket, :posts, Blog.list_posts())}
  end

  @impl true
  def handle_info({:draft, draft}, socket) do
    {:noreply, update(socket, :posts, &[draft | &1])}
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
