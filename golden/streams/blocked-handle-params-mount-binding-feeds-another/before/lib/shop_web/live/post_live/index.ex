defmodule ShopWeb.PostLive.Index do
  use ShopWeb, :live_view

  alias Shop.Blog

  @impl true
  def mount(_params, _session, socket) do
    author = socket.assigns.current_user
    posts = Blog.list_posts(author: author)

    {:ok, assign(socket, :posts, posts)}
  end

  @impl true
  def handle_params(params, _uri, socket) do
    {:noreply,
     assign(socket, :posts, Blog.search_posts(params["q"], author: socket.assigns.current_user))}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <form phx-change="search"><input name="q" /></form>
    <div id="posts">
      <article :for={post <- @posts} id={"post-#{post.id}"}><%= post.title %></article>
    </div>
    """
  end

  @impl true
  def handle_event("search", %{"q" => query}, socket) do
    {:noreply, push_patch(socket, to: ~p"/posts?#{[q: query]}")}
  end
end
