defmodule ShopWeb.PostLive.Index do
  use ShopWeb, :live_view

  alias Shop.Blog

  @impl true
  def mount(_params, _session, socket) do
    socket = stream_configure(socket, :posts, dom_id: &"post-#{&1.id}")
    {:ok, stream(socket, :posts, [])}
  end

  @impl true
  def handle_params(params, _uri, socket) do
    {:noreply, stream(socket, :posts, Blog.search_posts(params["q"]), reset: true)}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <form phx-change="search"><input name="q" /></form>
    <div id="posts" phx-update="stream">
      <article :for={{dom_id, post} <- @streams.posts} id={dom_id}><%= post.title %></article>
    </div>
    """
  end

  @impl true
  def handle_event("search", %{"q" => query}, socket) do
    {:noreply, push_patch(socket, to: ~p"/posts?#{[q: query]}")}
  end
end
