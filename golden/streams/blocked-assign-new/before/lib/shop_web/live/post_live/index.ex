defmodule ShopWeb.PostLive.Index do
  use ShopWeb, :live_view

  alias Shop.Blog

  @impl true
  def mount(_params, _session, socket) do
    {:ok, socket |> assign_new(:posts, fn -> Blog.list_posts() end)}
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
