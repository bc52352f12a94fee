defmodule Shop.Blog do
  import Ecto.Query, warn: false

  alias Shop.Blog.Post
  alias Shop.Repo

  def list_posts do
    from(p in Post, order_by: [asc: p.id])
    |> Repo.all()
  end
end
