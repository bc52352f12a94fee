defmodule ShopWeb.OrderLive.Index do
  use ShopWeb, :live_view

  alias Shop.Orders

  @impl true
  def mount(_params, _session, socket) do
    if connected?(socket), do: Orders.subscribe()
    {:ok, assign(socket, :orders, Orders.list_orders())}
  end

  @impl true
  def handle_info({:order_created, order}, socket) do
    {:noreply, update(socket, :orders, &[order | &1])}
  end
end
