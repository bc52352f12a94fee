defmodule ShopWeb.TeamLive.Members do
  use ShopWeb, :live_view

  alias Shop.Teams

  @impl true
  def mount(%{"id" => id}, _session, socket) do
    team = Teams.get_team!(id)
    {:ok, assign(socket, team: team, suggestions: Teams.suggested_emails(team))}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <form phx-submit="add-member">
      <input name="email" type="email" />
      <button phx-disable-with="Adding...">Add member</button>
    </form>
    <button :for={email <- @suggestions} phx-click="add_member" phx-value-email={email}>
      Add <%= email %>
    </button>
    """
  end

  @impl true
  def handle_event("add-member", %{"email" => email}, socket) do
    {:ok, _member} = Teams.create_member(socket.assigns.team, %{email: email})
    {:noreply, put_flash(socket, :info, "Member added")}
  end

  def handle_event("add_member", %{"email" => email}, socket) do
    {:ok, _member} = Teams.create_member(socket.assigns.team, %{email: email})
    {:noreply, put_flash(socket, :info, "#{email} added")}
  end
end
