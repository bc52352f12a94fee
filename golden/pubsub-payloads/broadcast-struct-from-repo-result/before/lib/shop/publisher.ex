defmodule Shop.Publisher do
  alias Shop.Blog

  def publish(post) do
    with {:ok, post} <- Blog.update_post(post, %{published: true}) do
      ShopWeb.Endpoint.broadcast("posts", "published", %{post: post})
      :ok
    end
  end
end
