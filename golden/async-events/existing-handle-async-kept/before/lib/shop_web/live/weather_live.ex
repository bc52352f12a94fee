defmodule ShopWeb.WeatherLive do
  use ShopWeb, :live_view

  @impl true
  def mount(_params, _session, socket) do
    {:ok, assign(socket, summary: nil, city: nil, pings: 0, forecast: nil)}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <form id="weather" phx-submit="fetch"><input name="city" /></form>
    <button id="ping" phx-click="ping">Ping</button>
    <button id="forecast" phx-click="forecast">Forecast</button>
    <p>Pings: <%= @pings %> Forecast: <%= @forecast %></p>
    <p :if={@summary}>Weather in <%= @city %>: <%= @summary %></p>
    """
  end

  @impl true
  def handle_event("fetch", %{"city" => city}, socket) do
    response = Req.get!("https://weather.example.com/current", params: [city: city])
    {:noreply, assign(socket, summary: response.body["summary"], city: city)}
  end

  def handle_event("forecast", _params, socket) do
    {:noreply, start_async(socket, :fetch, fn -> "sunny all week" end)}
  end

  def handle_event("ping", _params, socket) do
    {:noreply, assign(socket, :pings, socket.assigns.pings + 1)}
  end

  @impl true
  def handle_async(:fetch, {:ok, forecast}, socket) do
    {:noreply, assign(socket, :forecast, forecast)}
  end

  def handle_async(:fetch, {:exit, _reason}, socket) do
    {:noreply, socket}
  end
end
