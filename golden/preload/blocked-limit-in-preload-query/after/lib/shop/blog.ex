defmodule Shop.Blog do
  import Ecto.Query

  alias Shop.Blog.{Comment, Post}
  alias Shop.Repo

  def posts_with_latest_comments do
    recent = from(c in Comment, order_by: [desc: c.id], limit: 3)

    Post
    |> Repo.all()
    |> Enum.map(&Repo.preload(&1, comments: recent))
  end

  def posts_with_first_comment do
    for post <- Repo.all(Post), do: Repo.preload(post, comments: Comment |> first())
  end
end
