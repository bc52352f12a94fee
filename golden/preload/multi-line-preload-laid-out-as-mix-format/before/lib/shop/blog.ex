defmodule Shop.Blog do
  import Ecto.Query

  alias Shop.Blog.{Comment, Post}
  alias Shop.Repo

  def posts do
    Post
    |> Repo.all()
    |> Enum.map(fn post ->
      Repo.preload(post, [
        :author,
        comments: from(c in Comment, order_by: c.id)
      ])
    end)
  end

  def posts_with_recent_comments do
    posts = Repo.all(from(p in Post, order_by: p.id))

    Enum.map(posts, fn post ->
      Repo.preload(post,
        author: [],
        comments: from(c in Comment, where: not is_nil(c.body), order_by: [desc: c.body])
      )
    end)
  end
end
