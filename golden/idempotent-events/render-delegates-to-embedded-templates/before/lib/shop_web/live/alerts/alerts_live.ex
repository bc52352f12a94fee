defmodule ShopWeb.AlertsLive do
  use ShopWeb, :live_view

  alias Shop.Alerts

  embed_templates("actions/*", suffix: "_action")
  embed_templates("components/*")

  @impl true
  def render(%{live_action: :index} = assigns), do: index_action(assigns)
  def render(%{live_action: :new} = assigns), do: new_action(assigns)

  @impl true
  def mount(_params, _session, socket) do
    form = to_form(%{"query" => ""}, as: :alert)
    {:ok, assign(socket, alerts: Alerts.list_alerts(), form: form)}
  end

  @impl true
  def handle_event("save", %{"alert" => params}, socket) do
    case Alerts.create_alert(params) do
      {:ok, _alert} ->
        {:noreply, assign(socket, alerts: Alerts.list_alerts())}

      {:error, _reason} ->
        {:noreply, put_flash(socket, :error, "Could not save the alert")}
    end
  end
end
