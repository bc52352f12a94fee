defmodule ShopWeb.PostLive.Index do
  use ShopWeb, :live_view

  alias Shop.Blog

  @impl true
  def mount(_params, _session, socket) do
    posts = Blog.list_posts()
    {:ok, assign(socket, :posts, posts)}
  end

  @impl true
  def handle_info({:post_created, post}, socket) do
    {:noreply, update(socket, :posts, &(&1 ++ [post]))}
  end

  def handle_info(:cleared, socket) do
    {:noreply, assign(socket, :posts, [])}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <%= if @posts == [] do %>
      <p>No posts yet.</p>
    <% else %>
      <ul id="posts">
        <li :for={post <- @posts} id={"posts-#{post.id}"}><%= post.title %></li>
      </ul>
    <% end %>
    """
  end
end
