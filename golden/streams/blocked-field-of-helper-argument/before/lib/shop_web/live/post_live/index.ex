defmodule ShopWeb.PostLive.Index do
  use ShopWeb, :live_view

  alias Shop.Blog

  @impl true
  def mount(_params, _session, socket) do
    {:ok, assign(socket, :posts, Blog.list_posts())}
  end

  @impl true
  def handle_event("open", %{"id" => id}, socket) do
    {:noreply, assign(socket, :open, find_post(socket.assigns, id))}
  end

  defp find_post(state, id), do: Enum.find(state.posts, &(to_string(&1.id) == id))

  @impl true
  def render(assigns) do
    ~H"""
    <div id="posts">
      <article :for={post <- @posts} id={"post-#{post.id}"}><%= post.title %></article>
    </div>
    """
  end
end
