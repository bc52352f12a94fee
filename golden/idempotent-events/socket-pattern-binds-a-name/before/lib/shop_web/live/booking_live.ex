defmodule ShopWeb.BookingLive do
  use ShopWeb, :live_view

  alias Shop.Bookings

  @impl true
  def mount(_params, _session, socket) do
    {:ok, socket}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <button phx-click="book">Book</button>
    """
  end

  @impl true
  def handle_event("book", _params, %{assigns: %{slot: slot}} = socket) do
    {:ok, _booking} = Bookings.book_slot(slot)
    {:noreply, socket}
  end
end
