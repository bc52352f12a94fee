defmodule ShopWeb.PostLive.Index do
  use ShopWeb, :live_view

  alias Shop.Blog

  @impl true
  def mount(_params, _session, socket) do
    {:ok, assign(socket, :posts, Blog.list_posts())}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <.table id="posts" rows={@posts} row_click={fn post -> JS.navigate(~p"/posts/#{post}") end}>
      <:col :let={post} label="Title"><%= post.title %></:col>
      <:col :let={post} label="Views"><%= post.views %></:col>
    </.table>
    """
  end
end
