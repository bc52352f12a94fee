defmodule Shop.Blog do
  alias Shop.Blog.Post
  alias Shop.Repo

  def get_post!(id), do: Repo.get!(Post, id)
end
