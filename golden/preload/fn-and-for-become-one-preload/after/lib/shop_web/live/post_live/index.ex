defmodule ShopWeb.PostLive.Index do
  use ShopWeb, :live_view

  alias Shop.Blog
  alias Shop.Repo

  def mount(_params, _session, socket) do
    posts =
      Blog.list_posts()
      |> Enum.filter(& &1.title)
      |> Repo.preload(:comments)

    {:ok, assign(socket, :posts, posts)}
  end

  def render(assigns) do
    ~H"""
    <p :for={post <- @posts}>{post.title}</p>
    """
  end
end
