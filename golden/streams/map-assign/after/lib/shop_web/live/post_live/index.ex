defmodule ShopWeb.PostLive.Index do
  use ShopWeb, :live_view

  alias Shop.Blog

  @impl true
  def mount(_params, _session, socket) do
    {:ok, socket |> assign(page_title: "Posts") |> stream(:posts, Blog.list_posts())}
  end

  @impl true
  def handle_info(:reload, socket) do
    {:noreply, socket |> stream(:posts, Blog.list_posts(), reset: true)}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <h1><%= @page_title %></h1>
    <div id="posts" phx-update="stream">
      <article :for={{dom_id, post} <- @streams.posts} id={dom_id}><%= post.title %></article>
    </div>
    """
  end
end
