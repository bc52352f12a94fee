defmodule Shop.Feed do
  alias Shop.Blog.Post
  alias Shop.Repo, as: DB

  def items do
    Post
    |> DB.all()
    |> Enum.map(&DB.preload(&1, :author))
  end

  def cached do
    Post
    |> DB.all()
    |> Enum.map(&Shop.Cache.preload(&1, :author))
  end
end
