defmodule ShopWeb.FeedLive do
  use ShopWeb, :live_view

  alias Shop.Feed

  @impl true
  def mount(_params, _session, socket) do
    {:ok, assign(socket, :posts, Feed.list_posts())}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <.live_component :for={post <- @posts} module={ShopWeb.PostComponent} id={post.id} post={post} />
    """
  end

  # The live component's button has no phx-target: its click comes here.
  @impl true
  def handle_event("like", %{"id" => id}, socket) do
    {:ok, _like} = Feed.create_like(id)
    {:noreply, socket}
  end
end
