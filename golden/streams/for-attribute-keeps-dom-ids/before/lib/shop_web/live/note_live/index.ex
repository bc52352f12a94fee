defmodule ShopWeb.NoteLive.Index do
  use ShopWeb, :live_view

  alias Shop.Notes

  @impl true
  def mount(_params, _session, socket) do
    {:ok, assign(socket, :notes, Notes.list_notes())}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <h1>Notes</h1>
    <ul class="notes">
      <li :for={note <- @notes} id={"note-#{note.id}"} class="note">
        <%= note.body %>
      </li>
    </ul>
    """
  end
end
