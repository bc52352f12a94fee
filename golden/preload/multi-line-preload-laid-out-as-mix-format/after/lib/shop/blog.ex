defmodule Shop.Blog do
  import Ecto.Query

  alias Shop.Blog.{Comment, Post}
  alias Shop.Repo

  def posts do
    Post
    |> Repo.all()
    |> Repo.preload([:author, comments: from(c in Comment, order_by: c.id)])
  end

  def posts_with_recent_comments do
    posts = Repo.all(from(p in Post, order_by: p.id))

    Repo.preload(posts,
      author: [],
      comments: from(c in Comment, where: not is_nil(c.body), order_by: [desc: c.body])
    )
  end
end
