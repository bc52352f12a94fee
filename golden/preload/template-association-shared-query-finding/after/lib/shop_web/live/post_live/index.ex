defmodule ShopWeb.PostLive.Index do
  use ShopWeb, :live_view

  import Ecto.Query

  alias Shop.Blog.Post
  alias Shop.Repo

  def mount(_params, _session, socket) do
    {:ok, socket |> assign(:posts, list_posts()) |> assign(:count, length(list_posts()))}
  end

  def render(assigns) do
    ~H"""
    <ul>
      <li :for={post <- @posts}>{post.title} by {post.author.name}</li>
    </ul>
    """
  end

  defp list_posts do
    Repo.all(
      from p in Post,
        where: not is_nil(p.title),
        order_by: [desc: p.inserted_at]
    )
  end
end
