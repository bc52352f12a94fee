defmodule ShopWeb.PaymentLive do
  use ShopWeb, :live_view

  alias Shop.Billing

  @impl true
  def mount(_params, _session, socket) do
    {:ok, assign(socket, :paying, false)}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <button phx-click="pay" disabled={@paying}>Pay</button>
    """
  end

  @impl true
  def handle_event("pay", _params, %{assigns: %{paying: true}} = socket) do
    {:noreply, socket}
  end

  def handle_event("pay", _params, socket) do
    socket = assign(socket, :paying, true)
    {:ok, _charge} = Billing.charge_card(socket.assigns.current_user)
    {:noreply, assign(socket, :paying, false)}
  end
end
