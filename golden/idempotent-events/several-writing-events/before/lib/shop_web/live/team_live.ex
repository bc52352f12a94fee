defmodule ShopWeb.TeamLive do
  use ShopWeb, :live_view

  alias Shop.Teams

  @impl true
  def mount(%{"id" => id}, _session, socket) do
    {:ok, assign(socket, :team, Teams.get_team!(id))}
  end

  def mount(_params, _session, socket) do
    {:ok, assign(socket, :team, nil)}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <button phx-click="invite">Invite</button>
    <button phx-click="rename">Rename</button>
    <form phx-submit="add_member">
      <input name="email" />
      <button>Add</button>
    </form>
    """
  end

  @impl true
  def handle_event("invite", _params, socket) do
    Teams.invite_member(socket.assigns.team)
    {:noreply, socket}
  end

  def handle_event("rename", %{"name" => name}, socket) do
    {:ok, team} = Teams.update_team(socket.assigns.team, %{name: name})
    {:noreply, assign(socket, :team, team)}
  end

  def handle_event("add_member", %{"email" => email}, socket) do
    {:ok, _} = Shop.Repo.insert(%Teams.Member{team_id: socket.assigns.team.id, email: email})
    {:noreply, socket}
  end
end
