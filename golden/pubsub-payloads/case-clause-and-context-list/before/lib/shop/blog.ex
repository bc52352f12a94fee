defmodule Shop.Blog do
  alias Shop.Blog.Post
  alias Shop.Repo

  def list_posts, do: Repo.all(Post)

  def publish(changeset) do
    case Repo.update(changeset) do
      {:ok, post} ->
        Phoenix.PubSub.broadcast(Shop.PubSub, "posts", {:published, post})
        {:ok, post}

      {:error, changeset} ->
        {:error, changeset}
    end
  end
end
