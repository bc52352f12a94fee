defmodule Shop.Blog do
  alias Shop.Blog.Post
  alias Shop.Repo

  def posts do
    Post
    |> Repo.all()
    |> Enum.map(fn post ->
      # authors are shown on every card
      Repo.preload(post, :author)
    end)
  end
end
