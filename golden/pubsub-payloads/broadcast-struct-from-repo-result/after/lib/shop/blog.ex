defmodule Shop.Blog do
  alias Shop.Blog.Post
  alias Shop.Repo

  def create_post(attrs) do
    {:ok, post} = %Post{} |> Post.changeset(attrs) |> Repo.insert()
    Phoenix.PubSub.broadcast(Shop.PubSub, "posts", {:post_created, post})
    {:ok, post}
  end

  def update_post(%Post{} = post, attrs) do
    post
    |> Post.changeset(attrs)
    |> Repo.update()
  end
end
