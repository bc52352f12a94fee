defmodule ShopWeb.WeatherComponent do
  use ShopWeb, :live_component

  @impl true
  def render(assigns) do
    ~H"""
    <div>
      <form id="weather" phx-submit="fetch" phx-target={@myself}><input name="city" /></form>
      <p :if={@summary}>Weather in <%= @city %>: <%= @summary %></p>
    </div>
    """
  end

  @impl true
  def update(assigns, socket) do
    {:ok,
     socket
     |> assign(assigns)
     |> assign_new(:summary, fn -> nil end)
     |> assign_new(:city, fn -> nil end)}
  end

  @impl true
  def handle_event("fetch", %{"city" => city}, socket) do
    response = Req.get!("https://weather.example.com/current", params: [city: city])
    {:noreply, assign(socket, summary: response.body["summary"], city: city)}
  end
end
