defmodule ShopWeb.PostLive.Index do
  use ShopWeb, :live_view

  alias Shop.Blog

  @impl true
  def mount(_params, _session, socket) do
    posts = Blog.list_posts()

    {:ok,
     socket
     |> assign(:page_title, "Posts")
     |> stream(:posts, posts)
     |> assign(:posts_empty?, posts == [])}
  end

  @impl true
  def handle_info({:post_created, post}, socket) do
    {:noreply, stream_insert(socket, :posts, post, at: 0) |> assign(:posts_empty?, false)}
  end

  def handle_info(:cleared, socket) do
    {:noreply, stream(socket, :posts, [], reset: true) |> assign(:posts_empty?, true)}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <h1><%= @page_title %></h1>
    <p :if={@posts_empty?}>No posts yet.</p>
    <%= if !@posts_empty? do %>
      <h2>Latest posts</h2>
    <% end %>
    <div id="posts" phx-update="stream">
      <article :for={{dom_id, post} <- @streams.posts} id={dom_id}><%= post.title %></article>
    </div>
    """
  end
end
