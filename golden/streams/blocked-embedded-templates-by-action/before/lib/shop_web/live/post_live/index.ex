defmodule ShopWeb.PostLive.Index do
  use ShopWeb, :live_view

  alias Shop.Blog

  embed_templates "post_templates/*", suffix: "_page"

  @impl true
  def mount(_params, _session, socket) do
    {:ok, assign(socket, :posts, Blog.list_posts())}
  end

  @impl true
  def render(%{live_action: :index} = assigns), do: index_page(assigns)
  def render(assigns), do: empty_page(assigns)
end
