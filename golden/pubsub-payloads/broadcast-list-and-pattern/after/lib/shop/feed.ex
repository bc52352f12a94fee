defmodule Shop.Feed do
  alias Phoenix.PubSub
  alias Shop.Blog.Post
  alias Shop.Repo

  def refresh do
    posts = Repo.all(Post)
    PubSub.broadcast(Shop.PubSub, "feed", {:posts, posts})
  end

  def touch(%Post{} = post) do
    PubSub.broadcast_from(Shop.PubSub, self(), "feed", {:updated, post})
  end
end
