defmodule ShopWeb.PreferencesLive do
  use ShopWeb, :live_view

  alias Shop.Preferences

  @impl true
  def mount(_params, _session, socket) do
    {:ok, assign(socket, :mode, "all")}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <form id="mode-form" phx-change="change-mode">
      <select name="mode">
        <option value="all" selected={@mode == "all"}>All</option>
        <option value="some" selected={@mode == "some"}>Some</option>
      </select>
    </form>
    """
  end

  @impl true
  def handle_event("change-mode", %{"mode" => mode}, socket) do
    {:ok, _preference} = Preferences.create_preference(mode)
    {:noreply, assign(socket, :mode, mode)}
  end
end
