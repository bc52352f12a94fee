defmodule Shop.Blog do
  import Ecto.Query, warn: false

  alias Shop.Blog.Post
  alias Shop.Repo

  def list_posts do
    Post
    |> select([p], %{title: p.title})
    |> Repo.all()
  end
end
