defmodule ShopWeb.EventLive do
  use ShopWeb, :live_view

  alias Shop.Events

  @impl true
  def mount(_params, _session, socket) do
    socket = assign(socket, :save_idempotency_key, Ecto.UUID.generate())
    {:ok, socket}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <form phx-submit="save">
      <input type="hidden" name="save_idempotency_key" value={@save_idempotency_key} />
      <input name="name" />
      <button type="submit" phx-disable-with="Loading...">Create</button>
      <button type="button" phx-click="cancel">Cancel</button>
    </form>
    """
  end

  @impl true
  def handle_event("save", %{"save_idempotency_key" => key}, socket)
      when key != socket.assigns.save_idempotency_key,
      do: {:noreply, socket}

  def handle_event("save", %{"name" => name}, socket) do
    socket = assign(socket, :save_idempotency_key, Ecto.UUID.generate())
    {:ok, _event} = Events.create_event(%{name: name})
    {:noreply, socket}
  end
end
