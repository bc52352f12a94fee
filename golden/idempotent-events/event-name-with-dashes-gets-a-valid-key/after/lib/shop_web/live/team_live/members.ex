defmodule ShopWeb.TeamLive.Members do
  use ShopWeb, :live_view

  alias Shop.Teams

  @impl true
  def mount(%{"id" => id}, _session, socket) do
    socket = assign(socket, :add_member_idempotency_key, Ecto.UUID.generate())
    team = Teams.get_team!(id)
    {:ok, assign(socket, team: team, form: to_form(%{"email" => ""}))}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <.form for={@form} phx-submit="add-member">
      <input type="hidden" name="add_member_idempotency_key" value={@add_member_idempotency_key} />
      <.input field={@form[:email]} type="email" label="Email" />
      <.button phx-disable-with="Saving...">Add member</.button>
    </.form>
    """
  end

  @impl true
  def handle_event("add-member", %{"add_member_idempotency_key" => key}, socket)
      when key != socket.assigns.add_member_idempotency_key,
      do: {:noreply, socket}

  def handle_event("add-member", %{"email" => email}, socket) do
    socket = assign(socket, :add_member_idempotency_key, Ecto.UUID.generate())

    case Teams.create_member(socket.assigns.team, %{email: email}) do
      {:ok, _member} -> {:noreply, put_flash(socket, :info, "Member added")}
      {:error, _changeset} -> {:noreply, put_flash(socket, :error, "Could not add member")}
    end
  end
end
