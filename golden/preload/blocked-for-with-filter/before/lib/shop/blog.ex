defmodule Shop.Blog do
  alias Shop.Blog.Post
  alias Shop.Repo

  def published_with_authors do
    for post <- Repo.all(Post), post.title != nil, do: Repo.preload(post, :author)
  end
end
