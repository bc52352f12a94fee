defmodule ShopWeb.OrderComponents do
  use Phoenix.Component

  import ShopWeb.CoreComponents

  attr :order, :map, required: true
  attr :id, :string, required: true
  attr :reorder_idempotency_key, :string, default: nil

  def order_card(assigns) do
    ~H"""
    <div id={@id} class="order">
      <p>Order #<%= @order.id %>: <%= @order.total %></p>
      <.button
        id={"#{@id}-reorder"}
        phx-click="reorder"
        phx-value-id={@order.id}
        phx-value-reorder_idempotency_key={@reorder_idempotency_key}
      >
        Order again
      </.button>
    </div>
    """
  end
end
