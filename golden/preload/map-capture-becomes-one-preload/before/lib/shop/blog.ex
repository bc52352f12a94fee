defmodule Shop.Blog do
  import Ecto.Query

  alias Shop.Blog.Post
  alias Shop.Repo

  def list_posts_with_authors do
    Post
    |> Repo.all()
    |> Enum.map(&Repo.preload(&1, :author))
  end

  def recent_posts(limit) do
    posts = Repo.all(from(p in Post, order_by: [desc: p.inserted_at], limit: ^limit))
    Enum.map(posts, &Repo.preload(&1, [:author, :comments]))
  end
end
