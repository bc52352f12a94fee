defmodule Shop.Blog do
  alias Shop.Repo

  def with_authors(posts) do
    Enum.map(posts, &Repo.preload(&1, :author))
  end
end
