defmodule ShopWeb.PostLive.Index do
  use ShopWeb, :live_view

  alias Shop.Blog

  @impl true
  def mount(_params, _session, socket) do
    {:ok, assign(socket, :posts, Blog.list_posts())}
  end

  @impl true
  def handle_params(params, _url, socket) do
    {:noreply, apply_action(socket, socket.assigns.live_action, params)}
  end

  defp apply_action(socket, :index, _params) do
    assign(socket, :page_title, "Listing Posts")
  end

  defp apply_action(socket, :archived, _params) do
    socket
    |> assign(:page_title, "Archived Posts")
    |> assign(:posts, Blog.list_archived_posts())
  end

  @impl true
  def render(assigns) do
    ~H"""
    <.header><%= @page_title %></.header>
    <div id="posts">
      <article :for={post <- @posts} id={"post-#{post.id}"}><%= post.title %></article>
    </div>
    """
  end
end
