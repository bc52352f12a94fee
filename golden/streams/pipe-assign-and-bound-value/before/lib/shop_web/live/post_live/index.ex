defmodule ShopWeb.PostLive.Index do
  use ShopWeb, :live_view

  alias Shop.Blog

  @impl true
  def mount(_params, _session, socket) do
    posts = Blog.list_posts()

    {:ok,
     socket
     |> assign(:page_title, "Posts (#{length(posts)})")
     |> assign(:posts, posts)}
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
