defmodule ShopWeb.PostLive.Index do
  use ShopWeb, :live_view

  alias Shop.Blog

  @impl true
  def mount(_params, _session, socket) do
    socket = stream_configure(socket, :posts, dom_id: &"post-#{&1.id}")
    {:ok, stream(socket, :posts, Blog.list_posts())}
  end

  @impl true
  def handle_event("delete", %{"id" => id}, socket) do
    {:ok, _} = Blog.delete_post(Blog.get_post!(id))
    {:noreply, stream_delete(socket, :posts, %{id: String.to_integer(id)})}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <div id="posts" phx-update="stream">
      <article :for={{dom_id, post} <- @streams.posts} id={dom_id}>
        <%= post.title %>
        <button phx-click="delete" phx-value-id={post.id}>Delete</button>
      </article>
    </div>
    """
  end
end
