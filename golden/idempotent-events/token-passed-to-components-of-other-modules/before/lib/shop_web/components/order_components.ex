defmodule ShopWeb.OrderComponents do
  use Phoenix.Component

  import ShopWeb.CoreComponents

  attr :order, :map, required: true
  attr :id, :string, required: true

  def order_card(assigns) do
    ~H"""
    <div id={@id} class="order">
      <p>Order #<%= @order.id %>: <%= @order.total %></p>
      <.button id={"#{@id}-reorder"} phx-click="reorder" phx-value-id={@order.id}>Order again</.button>
    </div>
    """
  end
end
