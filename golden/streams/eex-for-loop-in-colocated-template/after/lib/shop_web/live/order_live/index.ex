defmodule ShopWeb.OrderLive.Index do
  use ShopWeb, :live_view

  alias Shop.Orders

  @impl true
  def mount(_params, _session, socket) do
    socket = stream_configure(socket, :orders, dom_id: &"order-#{&1.id}")
    if connected?(socket), do: Orders.subscribe()
    {:ok, stream(socket, :orders, Orders.list_orders())}
  end

  @impl true
  def handle_info({:order_created, order}, socket) do
    {:noreply, stream_insert(socket, :orders, order, at: 0)}
  end
end
