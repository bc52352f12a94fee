defmodule Shop.Blog do
  use Shop.Context

  alias Shop.Blog.Post

  def list_posts, do: Repo.all(Post)

  def posts_with_authors do
    list_posts() |> Repo.preload(:author)
  end
end
