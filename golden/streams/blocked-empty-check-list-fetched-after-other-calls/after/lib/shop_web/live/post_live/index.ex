defmodule ShopWeb.PostLive.Index do
  use ShopWeb, :live_view

  alias Shop.Blog

  @impl true
  def mount(_params, _session, socket) do
    {:ok,
     socket
     |> assign(:count, Blog.count_posts())
     |> assign(:posts, Blog.list_posts())}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <p>{@count} posts</p>
    <p :if={Enum.empty?(@posts)}>No posts yet.</p>
    <div id="posts">
      <article :for={post <- @posts} id={"post-#{post.id}"}><%= post.title %></article>
    </div>
    """
  end
end
