defmodule ShopWeb.PostLive.Index do
  use ShopWeb, :live_view

  alias Shop.Blog

  @impl true
  def mount(_params, _session, socket) do
    {:ok, stream(socket, :posts, Blog.list_posts())}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <h1>Posts</h1>
    <ul
      class="posts divide-y divide-zinc-100 rounded-lg border border-zinc-200 bg-white text-sm"
      id="posts"
      phx-update="stream"
    >
      <li
        :for={{dom_id, post} <- @streams.posts}
        class="post flex items-center justify-between gap-4 px-4 py-3"
        id={dom_id}
      >
        <%= post.id %>: <%= post.title %>
      </li>
    </ul>
    """
  end
end
