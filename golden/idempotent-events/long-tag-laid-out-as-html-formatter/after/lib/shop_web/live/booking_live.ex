defmodule ShopWeb.BookingLive do
  use ShopWeb, :live_view

  alias Shop.Bookings

  @impl true
  def mount(_params, _session, socket) do
    socket = assign(socket, :book_appointment_idempotency_key, Ecto.UUID.generate())
    socket = assign(socket, :send_reminder_idempotency_key, Ecto.UUID.generate())
    {:ok, assign(socket, :slot, %{id: 7, label: "Monday 9:00"})}
  end

  @impl true
  def handle_event("book_appointment", %{"book_appointment_idempotency_key" => key}, socket)
      when key != socket.assigns.book_appointment_idempotency_key,
      do: {:noreply, socket}

  def handle_event("book_appointment", %{"slot" => slot}, socket) do
    socket = assign(socket, :book_appointment_idempotency_key, Ecto.UUID.generate())
    {:ok, _booking} = Bookings.book_appointment(slot)
    {:noreply, put_flash(socket, :info, "Booked")}
  end

  def handle_event("send_reminder", %{"send_reminder_idempotency_key" => key}, socket)
      when key != socket.assigns.send_reminder_idempotency_key,
      do: {:noreply, socket}

  def handle_event("send_reminder", _params, socket) do
    socket = assign(socket, :send_reminder_idempotency_key, Ecto.UUID.generate())
    {:ok, _reminder} = Bookings.send_reminder(socket.assigns.slot)
    {:noreply, put_flash(socket, :info, "Reminder sent")}
  end

  def handle_event("cancel", _params, socket) do
    {:noreply, push_navigate(socket, to: ~p"/")}
  end
end
