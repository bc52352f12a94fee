defmodule ShopWeb.ClusterLive do
  use ShopWeb, :live_view

  alias Shop.Blog

  @impl true
  def mount(_params, _session, socket) do
    {:ok, assign(socket, :nodes, Node.list())}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <div id="nodes">
      <%= for node <- @nodes do %>
        <div><%= node %> <button phx-click="stop" phx-value-node={node} id={"stop-#{node}"}>Stop</button></div>
      <% end %>
    </div>
    """
  end
end
