defmodule Shop.Digest do
  import Ecto.Query

  alias Shop.Blog.Comment
  alias Shop.Repo

  def lines(posts) do
    for post <- posts do
      "#{post.title}: #{comment_count(post)} comments"
    end
  end

  defp comment_count(post) do
    Repo.aggregate(from(c in Comment, where: c.post_id == ^post.id), :count)
  end
end
