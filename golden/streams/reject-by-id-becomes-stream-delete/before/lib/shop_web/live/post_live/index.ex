defmodule ShopWeb.PostLive.Index do
  use ShopWeb, :live_view

  alias Shop.Blog

  @impl true
  def mount(_params, _session, socket) do
    {:ok, assign(socket, :posts, Blog.list_posts())}
  end

  @impl true
  def handle_event("delete", %{"id" => id}, socket) do
    {:ok, _} = Blog.delete_post(Blog.get_post!(id))
    {:noreply, update(socket, :posts, fn posts -> Enum.reject(posts, &(&1.id == String.to_integer(id))) end)}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <div id="posts">
      <article :for={post <- @posts} id={"post-#{post.id}"}>
        <%= post.title %>
        <button phx-click="delete" phx-value-id={post.id}>Delete</button>
      </article>
    </div>
    """
  end
end
