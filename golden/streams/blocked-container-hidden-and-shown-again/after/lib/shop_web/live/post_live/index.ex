defmodule ShopWeb.PostLive.Index do
  use ShopWeb, :live_view

  alias Shop.Blog

  @impl true
  def mount(_params, _session, socket) do
    {:ok, socket |> assign(:open, true) |> assign(:posts, Blog.list_posts())}
  end

  @impl true
  def handle_event("toggle", _params, socket) do
    {:noreply, update(socket, :open, &(!&1))}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <button phx-click="toggle">Toggle</button>
    <section :if={@open}>
      <div id="posts">
        <article :for={post <- @posts} id={"posts-#{post.id}"}><%= post.title %></article>
      </div>
    </section>
    """
  end
end
