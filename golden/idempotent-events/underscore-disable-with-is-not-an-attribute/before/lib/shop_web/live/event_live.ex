defmodule ShopWeb.EventLive do
  use ShopWeb, :live_view

  alias Shop.Events

  @impl true
  def mount(_params, _session, socket) do
    {:ok, socket}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <form phx-submit="save">
      <input name="name" />
      <button type="submit" phx_disable_with="Loading...">Create</button>
      <button type="button" phx-click="cancel">Cancel</button>
    </form>
    """
  end

  @impl true
  def handle_event("save", %{"name" => name}, socket) do
    {:ok, _event} = Events.create_event(%{name: name})
    {:noreply, socket}
  end
end
