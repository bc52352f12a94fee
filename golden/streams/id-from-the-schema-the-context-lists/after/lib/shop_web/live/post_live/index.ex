defmodule ShopWeb.PostLive.Index do
  use ShopWeb, :live_view

  alias Shop.Blog

  @impl true
  def mount(_params, _session, socket) do
    posts = Blog.list_posts()
    {:ok, stream(socket, :posts, posts)}
  end

  @impl true
  def handle_info(:reload, socket) do
    {:noreply, stream(socket, :posts, Blog.list_posts(), reset: true)}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <ul id="posts" phx-update="stream">
      <li :for={{dom_id, post} <- @streams.posts} id={dom_id}><%= post.title %></li>
    </ul>
    """
  end
end
