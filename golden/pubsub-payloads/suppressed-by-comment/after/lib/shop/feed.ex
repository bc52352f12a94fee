defmodule Shop.Feed do
  alias Shop.Blog.Post
  alias Shop.Repo

  def refresh do
    posts = Repo.all(Post)
    # mir-fix: ignore pubsub-payloads
    Phoenix.PubSub.broadcast(Shop.PubSub, "feed", {:posts, posts})
  end
end
