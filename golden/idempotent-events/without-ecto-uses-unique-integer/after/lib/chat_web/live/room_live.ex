defmodule ChatWeb.RoomLive do
  use Phoenix.LiveView

  @impl true
  def mount(_params, _session, socket) do
    socket =
      assign(socket, :send_idempotency_key, Integer.to_string(System.unique_integer([:positive])))

    {:ok, assign(socket, :messages, [])}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <form phx-submit="send">
      <input type="hidden" name="send_idempotency_key" value={@send_idempotency_key} />
      <input name="body" /><button phx-disable-with="Saving...">Send</button>
    </form>
    """
  end

  @impl true
  def handle_event("send", %{"send_idempotency_key" => key}, socket)
      when key != socket.assigns.send_idempotency_key,
      do: {:noreply, socket}

  def handle_event("send", %{"body" => body}, socket) do
    socket =
      assign(socket, :send_idempotency_key, Integer.to_string(System.unique_integer([:positive])))

    Chat.Rooms.send_message(socket.assigns.room, body)
    {:noreply, socket}
  end
end
