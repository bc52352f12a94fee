defmodule ShopWeb.NoteLive.New do
  use ShopWeb, :live_view

  alias Shop.Notes

  @impl true
  def mount(_params, _session, socket) do
    {:ok, assign(socket, :form, to_form(Notes.change_note(%Notes.Note{})))}
  end

  @impl true
  def handle_event("save", %{"note" => params}, socket) do
    {:ok, _note} = Notes.create_note(params)
    {:noreply, push_navigate(socket, to: ~p"/notes")}
  end
end
