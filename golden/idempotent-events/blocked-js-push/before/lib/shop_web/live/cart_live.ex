defmodule ShopWeb.CartLive do
  use ShopWeb, :live_view

  alias Phoenix.LiveView.JS
  alias Shop.Orders

  @impl true
  def mount(_params, _session, socket) do
    {:ok, socket}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <button phx-click={JS.push("checkout") |> JS.hide(to: "#cart")}>Checkout</button>
    """
  end

  @impl true
  def handle_event("checkout", _params, socket) do
    {:ok, _order} = Orders.checkout(socket.assigns.cart)
    {:noreply, socket}
  end
end
