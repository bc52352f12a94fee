defmodule ShopWeb.OrdersLive do
  use ShopWeb, :live_view

  import ShopWeb.OrderComponents, only: [order_card: 1]

  alias Shop.Orders
  alias ShopWeb.Cards

  @impl true
  def mount(_params, _session, socket) do
    {:ok, assign(socket, :orders, Orders.list_orders())}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <.order_card :for={order <- @orders} order={order} id={"order-#{order.id}"} />
    <Cards.tip_card title="Thank the driver" />
    """
  end

  @impl true
  def handle_event("reorder", %{"id" => id}, socket) do
    {:ok, _order} = Orders.create_order_from(String.to_integer(id))
    {:noreply, assign(socket, :orders, Orders.list_orders())}
  end

  def handle_event("tip", %{"amount" => amount}, socket) do
    {:ok, _tip} = Orders.create_tip(amount)
    {:noreply, put_flash(socket, :info, "Thank you")}
  end
end
