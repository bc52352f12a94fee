defmodule Shop.Feed do
  alias Shop.Blog

  def refresh do
    posts = Blog.list_posts()
    ShopWeb.Endpoint.broadcast("feed", "refresh", %{posts: posts})
  end
end
