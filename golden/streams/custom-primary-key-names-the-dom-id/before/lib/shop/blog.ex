defmodule Shop.Blog do
  import Ecto.Query, warn: false

  alias Shop.Blog.Post
  alias Shop.Repo

  def list_posts, do: Repo.all(from(p in Post, order_by: p.title))
end
