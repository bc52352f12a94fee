defmodule ShopWeb.PostLive.Index do
  use ShopWeb, :live_view

  alias Shop.Blog

  @impl true
  def mount(_params, _session, socket) do
    {:ok, assign(socket, :posts, Blog.list_posts())}
  end

  @impl true
  def handle_info({:post_created, post}, socket) do
    {:noreply,
     socket
     |> update(:posts, &(&1 ++ [post]))
     |> put_flash(:info, "New post")}
  end

  def handle_info(:reload, socket) do
    case Blog.list_posts() do
      [] ->
        {:noreply, assign(socket, :posts, [])}

      _posts ->
        {:noreply, socket |> assign(:loaded, true) |> assign(:posts, Blog.list_posts())}
    end
  end

  @impl true
  def render(assigns) do
    ~H"""
    <h1>Posts (<%= length(@posts) %>)</h1>
    <p :if={Enum.count(@posts) == 0}>No posts yet.</p>
    <div id="posts">
      <article :for={post <- @posts} id={"posts-#{post.id}"}><%= post.title %></article>
    </div>
    <p><%= Enum.count(@posts) %> in all</p>
    """
  end
end
