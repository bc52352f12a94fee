defmodule ShopWeb.PostLive.Index do
  use ShopWeb, :live_view

  alias Shop.Blog

  @impl true
  def mount(_params, _session, socket) do
    {:ok,
     socket
     |> assign(:weights, [1, 2, 3])
     |> assign(:posts, Blog.list_posts())}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <section>
      <% total = Enum.reduce(@weights, 0, fn w, acc -> acc + w end) %>
      <p>Total weight: <%= total %></p>
    </section>
    <div id="posts">
      <article :for={post <- @posts} id={"posts-#{post.id}"}><%= post.title %></article>
    </div>
    """
  end
end
