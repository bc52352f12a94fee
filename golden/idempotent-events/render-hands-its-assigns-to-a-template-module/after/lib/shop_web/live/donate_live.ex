defmodule ShopWeb.DonateLive do
  use ShopWeb, :live_view

  alias Shop.Donations
  alias ShopWeb.DonateHTML

  @impl true
  def mount(_params, _session, socket) do
    socket = assign(socket, :donate_idempotency_key, Ecto.UUID.generate())
    {:ok, assign(socket, :amount, 10)}
  end

  @impl true
  def render(assigns) do
    DonateHTML.page(assigns)
  end

  @impl true
  def handle_event("donate", %{"donate_idempotency_key" => key}, socket)
      when key != socket.assigns.donate_idempotency_key,
      do: {:noreply, socket}

  def handle_event("donate", %{"amount" => amount}, socket) do
    socket = assign(socket, :donate_idempotency_key, Ecto.UUID.generate())
    {:ok, _donation} = Donations.charge_donation(amount)
    {:noreply, put_flash(socket, :info, "Thank you")}
  end
end
