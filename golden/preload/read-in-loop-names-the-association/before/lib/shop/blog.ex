defmodule Shop.Blog do
  import Ecto.Query

  alias Shop.Accounts.User
  alias Shop.Blog.Post
  alias Shop.Repo

  def bylines do
    posts = Repo.all(from p in Post, where: not is_nil(p.title))

    Enum.map(posts, fn post ->
      author = Repo.get!(User, post.author_id)
      "#{post.title} by #{author.name}"
    end)
  end
end
