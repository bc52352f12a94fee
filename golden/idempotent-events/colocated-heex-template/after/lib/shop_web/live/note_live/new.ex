defmodule ShopWeb.NoteLive.New do
  use ShopWeb, :live_view

  alias Shop.Notes

  @impl true
  def mount(_params, _session, socket) do
    socket = assign(socket, :save_idempotency_key, Ecto.UUID.generate())
    {:ok, assign(socket, :form, to_form(Notes.change_note(%Notes.Note{})))}
  end

  @impl true
  def handle_event("save", %{"save_idempotency_key" => key}, socket)
      when key != socket.assigns.save_idempotency_key,
      do: {:noreply, socket}

  def handle_event("save", %{"note" => params}, socket) do
    socket = assign(socket, :save_idempotency_key, Ecto.UUID.generate())
    {:ok, _note} = Notes.create_note(params)
    {:noreply, push_navigate(socket, to: ~p"/notes")}
  end
end
