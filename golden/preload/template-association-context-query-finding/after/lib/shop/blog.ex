defmodule Shop.Blog do
  alias Shop.Blog.Post
  alias Shop.Repo

  def list_posts, do: Repo.all(Post)
end
