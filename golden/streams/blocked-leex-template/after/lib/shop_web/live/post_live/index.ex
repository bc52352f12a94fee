defmodule ShopWeb.PostLive.Index do
  use ShopWeb, :live_view

  @impl true
  def mount(_params, _session, socket) do
    {:ok, assign(socket, :posts, Shop.Blog.list_posts())}
  end
end
