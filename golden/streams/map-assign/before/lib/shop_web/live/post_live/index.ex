defmodule ShopWeb.PostLive.Index do
  use ShopWeb, :live_view

  alias Shop.Blog

  @impl true
  def mount(_params, _session, socket) do
    {:ok, assign(socket, %{posts: Blog.list_posts(), page_title: "Posts"})}
  end

  @impl true
  def handle_info(:reload, socket) do
    {:noreply, socket |> assign(%{posts: Blog.list_posts()})}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <h1><%= @page_title %></h1>
    <div id="posts">
      <article :for={post <- @posts} id={"posts-#{post.id}"}><%= post.title %></article>
    </div>
    """
  end
end
