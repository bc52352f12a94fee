defmodule Shop.Blog do
  import Ecto.Query

  alias Shop.Blog.{Comment, Post}
  alias Shop.Repo

  def list_posts do
    Repo.all(Post)
  end

  def refreshed_posts do
    Repo.preload(list_posts(), :author, force: true)
  end

  def posts_with_comments do
    Repo.preload(Repo.all(Post), comments: from(c in Comment, order_by: c.id))
  end
end
