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
    <.table id="requests" rows={@posts}>
      <:col :let={request} label="From"><%= request.from_user.name %></:col>
      <:col :let={request} label=""><.link navigate={~p"/profile/#{request.from_user.id}"}>Profile</.link></:col>
    </.table>
    """
  end
end
