defmodule ShopWeb.TeamLive.Members do
  use ShopWeb, :live_view

  alias Shop.Teams

  @impl true
  def mount(%{"id" => id}, _session, socket) do
    team = Teams.get_team!(id)
    {:ok, assign(socket, team: team, form: to_form(%{"email" => ""}))}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <.form for={@form} phx-submit="add-member">
      <.input field={@form[:email]} type="email" label="Email" />
      <.button>Add member</.button>
    </.form>
    """
  end

  @impl true
  def handle_event("add-member", %{"email" => email}, socket) do
    case Teams.create_member(socket.assigns.team, %{email: email}) do
      {:ok, _member} -> {:noreply, put_flash(socket, :info, "Member added")}
      {:error, _changeset} -> {:noreply, put_flash(socket, :error, "Could not add member")}
    end
  end
end
