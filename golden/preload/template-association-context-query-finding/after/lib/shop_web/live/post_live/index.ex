defmodule ShopWeb.PostLive.Index do
  use ShopWeb, :live_view

  alias Shop.Blog

  def mount(_params, _session, socket) do
    {:ok, assign(socket, posts: Blog.list_posts())}
  end
end
