defmodule Shop.Blog do
  import Ecto.Query

  alias Shop.Blog.{Comment, Post}
  alias Shop.Repo

  def list_posts do
    Repo.all(Post)
  end

  def refreshed_posts do
    Enum.map(list_posts(), fn post -> Repo.preload(post, :author, force: true) end)
  end

  def posts_with_comments do
    for post <- Repo.all(Post), do: Repo.preload(post, comments: from(c in Comment, order_by: c.id))
  end
end
