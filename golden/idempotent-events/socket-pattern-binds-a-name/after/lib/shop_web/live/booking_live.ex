defmodule ShopWeb.BookingLive do
  use ShopWeb, :live_view

  alias Shop.Bookings

  @impl true
  def mount(_params, _session, socket) do
    socket = assign(socket, :book_idempotency_key, Ecto.UUID.generate())
    {:ok, socket}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <button phx-click="book" phx-value-book_idempotency_key={@book_idempotency_key}>Book</button>
    """
  end

  @impl true
  def handle_event("book", %{"book_idempotency_key" => key}, socket)
      when key != socket.assigns.book_idempotency_key,
      do: {:noreply, socket}

  def handle_event("book", _params, %{assigns: %{slot: slot}} = socket) do
    socket = assign(socket, :book_idempotency_key, Ecto.UUID.generate())
    {:ok, _booking} = Bookings.book_slot(slot)
    {:noreply, socket}
  end
end
