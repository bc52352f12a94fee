defmodule ShopWeb.PostLive.Index do
  use ShopWeb, :live_view

  alias Shop.Blog

  @impl true
  def mount(_params, _session, socket) do
    {:ok,
     socket
     |> assign(:page_title, "Listing Posts")
     |> assign(:posts, Blog.list_posts())}
  end

  @impl true
  def handle_params(params, _url, socket) do
    sort = Map.get(params, "sort", "newest")

    {:noreply,
     socket
     |> assign(:sort, sort)
     |> assign(:posts, Blog.list_posts(sort: sort))}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <.header>
      <%= @page_title %>
      <:subtitle>Sorted by <%= @sort %></:subtitle>
      <:actions>
        <.link patch={~p"/posts?sort=oldest"}>Oldest first</.link>
      </:actions>
    </.header>
    <ul id="posts">
      <li :for={post <- @posts} id={"posts-#{post.id}"}>
        <.link navigate={~p"/posts/#{post}"}><%= post.title %></.link>
      </li>
    </ul>
    """
  end
end
