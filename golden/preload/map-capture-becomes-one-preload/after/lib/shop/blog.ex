defmodule Shop.Blog do
  import Ecto.Query

  alias Shop.Blog.Post
  alias Shop.Repo

  def list_posts_with_authors do
    Post
    |> Repo.all()
    |> Repo.preload(:author)
  end

  def recent_posts(limit) do
    posts = Repo.all(from(p in Post, order_by: [desc: p.inserted_at], limit: ^limit))
    Repo.preload(posts, [:author, :comments])
  end
end
