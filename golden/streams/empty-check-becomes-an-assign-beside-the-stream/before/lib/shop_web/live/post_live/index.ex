defmodule ShopWeb.PostLive.Index do
  use ShopWeb, :live_view

  alias Shop.Blog

  @impl true
  def mount(_params, _session, socket) do
    posts = Blog.list_posts()

    {:ok,
     socket
     |> assign(:page_title, "Posts")
     |> assign(:posts, posts)}
  end

  @impl true
  def handle_info({:post_created, post}, socket) do
    {:noreply, update(socket, :posts, &[post | &1])}
  end

  def handle_info(:cleared, socket) do
    {:noreply, assign(socket, :posts, [])}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <h1><%= @page_title %></h1>
    <p :if={@posts == []}>No posts yet.</p>
    <%= if Enum.any?(@posts) do %>
      <h2>Latest posts</h2>
    <% end %>
    <div id="posts">
      <article :for={post <- @posts} id={"posts-#{post.id}"}><%= post.title %></article>
    </div>
    """
  end
end
