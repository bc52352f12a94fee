defmodule ShopWeb.ProfileLive do
  use ShopWeb, :live_view

  alias Shop.Accounts

  @impl true
  def mount(_params, _session, socket) do
    {:ok, socket}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <form phx-submit="save"><input name="name" /><button>Save</button></form>
    """
  end

  @impl true
  def handle_event("save", %{"name" => name}, socket) do
    {:ok, user} = Accounts.update_user(socket.assigns.current_user, %{name: name})
    {:noreply, assign(socket, :current_user, user)}
  end
end
