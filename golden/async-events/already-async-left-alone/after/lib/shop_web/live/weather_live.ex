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
    Task.start(fn -> Req.post!("https://audit.example.com/", json: %{city: city}) end)

    {:noreply,
     start_async(socket, :weather, fn -> Req.get!("https://weather.example.com/" <> city) end)}
  end

  def handle_event("ping", _params, socket) do
    {:noreply, assign(socket, :pings, socket.assigns.pings + 1)}
  end

  @impl true
  def handle_async(:weather, {:ok, response}, socket) do
    {:noreply, assign(socket, :summary, response.body["summary"])}
  end
end
