defmodule ShopWeb.WeatherLive do
  use ShopWeb, :live_view

  @impl true
  def mount(_params, _session, socket) do
    {:ok, assign(socket, summary: nil, city: nil, pings: 0, home: %{city: "Lyon"})}
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
  def handle_event("fetch", _params, socket) do
    home = socket.assigns.home
    home_city = socket.assigns.home.city

    {:noreply,
     start_async(socket, :fetch, fn ->
       {Req.get("https://weather.example.com/" <> home_city), home}
     end)}
  end

  def handle_event("ping", _params, socket) do
    {:noreply, assign(socket, :pings, socket.assigns.pings + 1)}
  end

  @impl true
  def handle_async(:fetch, {:ok, {{:ok, %{body: body}}, home}}, socket) do
    {:noreply, assign(socket, summary: body["summary"], city: home.city)}
  end

  def handle_async(:fetch, {:exit, _reason}, socket) do
    {:noreply, put_flash(socket, :error, "Something went wrong. Please try again.")}
  end
end
