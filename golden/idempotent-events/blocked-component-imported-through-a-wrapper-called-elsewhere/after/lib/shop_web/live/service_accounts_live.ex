defmodule ShopWeb.ServiceAccountsLive do
  use ShopWeb, :live_view

  use ShopWeb.Ui

  @impl true
  def mount(_params, _session, socket) do
    {:ok, assign(socket, :form, to_form(%{"name" => ""}, as: :token))}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <h1>Service accounts</h1>
    <.token_panel form={@form} />
    """
  end

  @impl true
  def handle_event("create_token", %{"token" => _params}, socket) do
    {:noreply, put_flash(socket, :info, "Ask an admin")}
  end
end
