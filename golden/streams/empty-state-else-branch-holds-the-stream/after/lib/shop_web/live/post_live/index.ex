defmodule ShopWeb.PostLive.Index do
  use ShopWeb, :live_view

  alias Shop.Blog

  @impl true
  def mount(_params, _session, socket) do
    posts = Blog.list_posts()
    {:ok, stream(socket, :posts, posts) |> assign(:posts_empty?, posts == [])}
  end

  @impl true
  def handle_info({:post_created, post}, socket) do
    {:noreply, stream_insert(socket, :posts, post) |> assign(:posts_empty?, false)}
  end

  def handle_info(:cleared, socket) do
    {:noreply, stream(socket, :posts, [], reset: true) |> assign(:posts_empty?, true)}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <%= if @posts_empty? do %>
      <p>No posts yet.</p>
    <% else %>
      <ul id="posts" phx-update="stream">
        <li :for={{dom_id, post} <- @streams.posts} id={dom_id}><%= post.title %></li>
      </ul>
    <% end %>
    """
  end
end
