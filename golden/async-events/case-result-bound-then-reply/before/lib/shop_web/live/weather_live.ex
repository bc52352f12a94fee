defmodule ShopWeb.WeatherLive do
  use ShopWeb, :live_view

  @impl true
  def mount(_params, _session, socket) do
    {:ok, assign(socket, summary: nil, city: nil, pings: 0)}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <form id="weather" phx-submit="fetch"><input name="city" /></form>
    <button id="ping" phx-click="ping">Ping</button>
    <p>Pings: <%= @pings %></p>
    <p :if={@summary}>Weather in <%= @city %>: <%= @summary %></p>
    """
  end

  @impl true
  def handle_event("fetch", %{"city" => city}, socket) do
    socket =
      case HTTPoison.get("https://weather.example.com/current?city=" <> city) do
        {:ok, %{status_code: 200, body: body}} ->
          assign(socket, summary: body, city: city)

        _error ->
          put_flash(socket, :error, "No weather for " <> city)
      end

    {:noreply, socket}
  end

  def handle_event("ping", _params, socket) do
    {:noreply, assign(socket, :pings, socket.assigns.pings + 1)}
  end
end
