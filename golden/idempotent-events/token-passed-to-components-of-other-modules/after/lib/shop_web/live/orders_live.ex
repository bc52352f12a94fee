defmodule ShopWeb.OrdersLive do
  use ShopWeb, :live_view

  import ShopWeb.OrderComponents, only: [order_card: 1]

  alias Shop.Orders
  alias ShopWeb.Cards

  @impl true
  def mount(_params, _session, socket) do
    socket = assign(socket, :reorder_idempotency_key, Ecto.UUID.generate())
    socket = assign(socket, :tip_idempotency_key, Ecto.UUID.generate())
    {:ok, assign(socket, :orders, Orders.list_orders())}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <.order_card
      :for={order <- @orders}
      order={order}
      id={"order-#{order.id}"}
      reorder_idempotency_key={@reorder_idempotency_key}
    />
    <Cards.tip_card title="Thank the driver" tip_idempotency_key={@tip_idempotency_key} />
    """
  end

  @impl true
  def handle_event("reorder", %{"reorder_idempotency_key" => key}, socket)
      when key != socket.assigns.reorder_idempotency_key,
      do: {:noreply, socket}

  def handle_event("reorder", %{"id" => id}, socket) do
    socket = assign(socket, :reorder_idempotency_key, Ecto.UUID.generate())
    {:ok, _order} = Orders.create_order_from(String.to_integer(id))
    {:noreply, assign(socket, :orders, Orders.list_orders())}
  end

  def handle_event("tip", %{"tip_idempotency_key" => key}, socket)
      when key != socket.assigns.tip_idempotency_key,
      do: {:noreply, socket}

  def handle_event("tip", %{"amount" => amount}, socket) do
    socket = assign(socket, :tip_idempotency_key, Ecto.UUID.generate())
    {:ok, _tip} = Orders.create_tip(amount)
    {:noreply, put_flash(socket, :info, "Thank you")}
  end
end
