defmodule ShopWeb.InviteLive do
  use ShopWeb.LiveView

  alias Shop.Teams

  @impl true
  def mount(_params, _session, socket) do
    {:ok, assign(socket, :form, to_form(%{"email" => ""}, as: :invite))}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <.simple_form for={@form} id="invite-form" phx-submit="invite">
      <.input field={@form[:email]} type="email" label="Email" />
      <:actions>
        <.button>Invite</.button>
      </:actions>
    </.simple_form>
    """
  end

  @impl true
  def handle_event("invite", %{"invite" => %{"email" => email}}, socket) do
    {:ok, _invitation} = Teams.invite_member(email)
    {:noreply, put_flash(socket, :info, "Invited #{email}")}
  end
end
