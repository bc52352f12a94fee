defmodule ShopWeb.TeamLive do
  use ShopWeb, :live_view

  alias Shop.Teams

  @impl true
  def mount(%{"id" => id}, _session, socket) do
    socket = assign(socket, :invite_idempotency_key, Ecto.UUID.generate())
    socket = assign(socket, :add_member_idempotency_key, Ecto.UUID.generate())
    {:ok, assign(socket, :team, Teams.get_team!(id))}
  end

  def mount(_params, _session, socket) do
    socket = assign(socket, :invite_idempotency_key, Ecto.UUID.generate())
    socket = assign(socket, :add_member_idempotency_key, Ecto.UUID.generate())
    {:ok, assign(socket, :team, nil)}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <button phx-click="invite" phx-value-invite_idempotency_key={@invite_idempotency_key}>
      Invite
    </button>
    <button phx-click="rename">Rename</button>
    <form phx-submit="add_member">
      <input type="hidden" name="add_member_idempotency_key" value={@add_member_idempotency_key} />
      <input name="email" />
      <button phx-disable-with="Saving...">Add</button>
    </form>
    """
  end

  @impl true
  def handle_event("invite", %{"invite_idempotency_key" => key}, socket)
      when key != socket.assigns.invite_idempotency_key,
      do: {:noreply, socket}

  def handle_event("invite", _params, socket) do
    socket = assign(socket, :invite_idempotency_key, Ecto.UUID.generate())
    Teams.invite_member(socket.assigns.team)
    {:noreply, socket}
  end

  def handle_event("rename", %{"name" => name}, socket) do
    {:ok, team} = Teams.update_team(socket.assigns.team, %{name: name})
    {:noreply, assign(socket, :team, team)}
  end

  def handle_event("add_member", %{"add_member_idempotency_key" => key}, socket)
      when key != socket.assigns.add_member_idempotency_key,
      do: {:noreply, socket}

  def handle_event("add_member", %{"email" => email}, socket) do
    socket = assign(socket, :add_member_idempotency_key, Ecto.UUID.generate())
    {:ok, _} = Shop.Repo.insert(%Teams.Member{team_id: socket.assigns.team.id, email: email})
    {:noreply, socket}
  end
end
