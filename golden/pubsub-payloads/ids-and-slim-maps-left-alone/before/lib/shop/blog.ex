defmodule Shop.Blog do
  alias Shop.Blog.Post
  alias Shop.Repo

  def delete_post(%Post{} = post) do
    {:ok, deleted} = Repo.delete(post)
    Phoenix.PubSub.broadcast(Shop.PubSub, "posts", {:post_deleted, deleted.id})
    Phoenix.PubSub.broadcast(Shop.PubSub, "posts", {:post_summary, %{id: post.id, title: post.title}})
    Phoenix.PubSub.broadcast(Shop.PubSub, "posts", {:post_fields, Map.take(post, [:id, :title])})
    ShopWeb.Endpoint.broadcast!("posts", "deleted", ShopWeb.PostJSON.show(%{post: post}))
  end

  def relay(message) do
    Phoenix.PubSub.broadcast(Shop.PubSub, "posts", message)
  end

  def track(socket, %Post{} = post) do
    ShopWeb.Presence.track(socket, "post:#{post.id}", %{post: post})
  end
end
