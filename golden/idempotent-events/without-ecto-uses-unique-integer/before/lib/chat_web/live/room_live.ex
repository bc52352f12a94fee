defmodule ChatWeb.RoomLive do
  use Phoenix.LiveView

  @impl true
  def mount(_params, _session, socket) do
    {:ok, assign(socket, :messages, [])}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <form phx-submit="send"><input name="body" /><button>Send</button></form>
    """
  end

  @impl true
  def handle_event("send", %{"body" => body}, socket) do
    Chat.Rooms.send_message(socket.assigns.room, body)
    {:noreply, socket}
  end
end
