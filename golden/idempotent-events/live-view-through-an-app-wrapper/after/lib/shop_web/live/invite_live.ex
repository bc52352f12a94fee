defmodule ShopWeb.InviteLive do
  use ShopWeb.LiveView

  alias Shop.Teams

  @impl true
  def mount(_params, _session, socket) do
    socket = assign(socket, :invite_idempotency_key, Ecto.UUID.generate())
    {:ok, assign(socket, :form, to_form(%{"email" => ""}, as: :invite))}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <.simple_form for={@form} id="invite-form" phx-submit="invite">
      <input type="hidden" name="invite_idempotency_key" value={@invite_idempotency_key} />
      <.input field={@form[:email]} type="email" label="Email" />
      <:actions>
        <.button phx-disable-with="Saving...">Invite</.button>
      </:actions>
    </.simple_form>
    """
  end

  @impl true
  def handle_event("invite", %{"invite_idempotency_key" => key}, socket)
      when key != socket.assigns.invite_idempotency_key,
      do: {:noreply, socket}

  def handle_event("invite", %{"invite" => %{"email" => email}}, socket) do
    socket = assign(socket, :invite_idempotency_key, Ecto.UUID.generate())
    {:ok, _invitation} = Teams.invite_member(email)
    {:noreply, put_flash(socket, :info, "Invited #{email}")}
  end
end
