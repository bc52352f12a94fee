defmodule ShopWeb.PostLive.Index do
  use ShopWeb, :live_view

  alias Shop.Blog
  alias ShopWeb.PostHelpers

  @impl true
  def mount(_params, _session, socket) do
    {:ok,
     socket
     |> stream(:posts, Blog.list_posts())
     |> PostHelpers.assign_title()}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <h1><%= @title %></h1>
    <div id="posts" phx-update="stream">
      <article :for={{dom_id, post} <- @streams.posts} id={dom_id}><%= post.title %></article>
    </div>
    """
  end
end
