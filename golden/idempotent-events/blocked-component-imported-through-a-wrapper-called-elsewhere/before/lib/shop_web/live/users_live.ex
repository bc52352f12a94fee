defmodule ShopWeb.UsersLive do
  use ShopWeb, :live_view

  use ShopWeb.Ui

  alias Shop.Tokens

  @impl true
  def mount(_params, _session, socket) do
    {:ok, assign(socket, :form, to_form(%{"name" => ""}, as: :token))}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <h1>Users</h1>
    <.token_panel form={@form} />
    """
  end

  @impl true
  def handle_event("create_token", %{"token" => params}, socket) do
    {:ok, _token} = Tokens.create_token(:user, params)
    {:noreply, put_flash(socket, :info, "Token created")}
  end
end
