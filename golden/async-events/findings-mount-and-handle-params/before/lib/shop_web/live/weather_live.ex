defmodule ShopWeb.WeatherLive do
  use ShopWeb, :live_view

  @impl true
  def mount(_params, _session, socket) do
    summary = if connected?(socket), do: Req.get!("https://weather.example.com/current").body

    {:ok, assign(socket, summary: summary, city: nil)}
  end

  @impl true
  def handle_params(%{"city" => city}, _uri, socket) do
    response = Req.get!("https://weather.example.com/current", params: [city: city])
    {:noreply, assign(socket, summary: response.body["summary"], city: city)}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <p>Weather in <%= @city %>: <%= @summary %></p>
    """
  end
end
