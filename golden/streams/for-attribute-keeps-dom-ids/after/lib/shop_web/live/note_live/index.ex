defmodule ShopWeb.NoteLive.Index do
  use ShopWeb, :live_view

  alias Shop.Notes

  @impl true
  def mount(_params, _session, socket) do
    socket = stream_configure(socket, :notes, dom_id: &"note-#{&1.id}")
    {:ok, stream(socket, :notes, Notes.list_notes())}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <h1>Notes</h1>
    <ul class="notes" id="notes" phx-update="stream">
      <li :for={{dom_id, note} <- @streams.notes} id={dom_id} class="note">
        <%= note.body %>
      </li>
    </ul>
    """
  end
end
