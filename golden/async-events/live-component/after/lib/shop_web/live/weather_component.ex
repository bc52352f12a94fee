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
    {:noreply,
     start_async(socket, :fetch, fn ->
       {Req.get!("https://weather.example.com/current", params: [city: city]), city}
     end)}
  end

  @impl true
  def handle_async(:fetch, {:ok, {response, city}}, socket) do
    {:noreply, assign(socket, summary: response.body["summary"], city: city)}
  end

  def handle_async(:fetch, {:exit, _reason}, socket) do
    {:noreply, put_flash(socket, :error, "Something went wrong. Please try again.")}
  end
end
