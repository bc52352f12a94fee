defmodule ShopWeb.PostLive.Index do
  use ShopWeb, :live_view

  alias Shop.Blog

  @impl true
  def mount(_params, _session, socket) do
    posts = Blog.list_posts()
    {:ok, stream(socket, :posts, posts) |> assign(:posts_count, length(posts))}
  end

  @impl true
  def handle_info({:post_created, post}, socket) do
    {:noreply,
     socket
     |> stream_insert(:posts, post)
     |> update(:posts_count, &(&1 + 1))
     |> put_flash(:info, "New post")}
  end

  def handle_info(:reload, socket) do
    case Blog.list_posts() do
      [] ->
        {:noreply, stream(socket, :posts, [], reset: true) |> assign(:posts_count, 0)}

      _posts ->
        posts = Blog.list_posts()

        {:noreply,
         socket
         |> assign(:loaded, true)
         |> stream(:posts, posts, reset: true)
         |> assign(:posts_count, length(posts))}
    end
  end

  @impl true
  def render(assigns) do
    ~H"""
    <h1>Posts (<%= @posts_count %>)</h1>
    <p :if={@posts_count == 0}>No posts yet.</p>
    <div id="posts" phx-update="stream">
      <article :for={{dom_id, post} <- @streams.posts} id={dom_id}><%= post.title %></article>
    </div>
    <p><%= @posts_count %> in all</p>
    """
  end
end
