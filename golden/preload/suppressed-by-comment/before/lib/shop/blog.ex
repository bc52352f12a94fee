defmodule Shop.Blog do
  alias Shop.Blog.Post
  alias Shop.Repo

  def list_posts_with_authors do
    posts = Repo.all(Post)
    # mir-fix: ignore preload
    Enum.map(posts, &Repo.preload(&1, :author))
  end
end
