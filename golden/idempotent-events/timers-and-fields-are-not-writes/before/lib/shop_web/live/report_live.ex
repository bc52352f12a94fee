defmodule ShopWeb.ReportLive do
  use ShopWeb, :live_view

  alias Shop.Reports

  @impl true
  def mount(_params, _session, socket) do
    {:ok, assign(socket, report: Reports.get_report(), status: "idle")}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <p id="status"><%= @status %></p>
    <button id="run" phx-click="run-now">Run now</button>
    <button id="follow" phx-click="follow">Follow</button>
    """
  end

  @impl true
  def handle_event("run-now", _params, socket) do
    Process.send_after(self(), :refresh, 1_000)
    {:noreply, assign(socket, :status, "scheduled")}
  end

  def handle_event("follow", _params, socket) do
    topic = socket.assigns.report.subscribe_topic
    {:noreply, assign(socket, :status, "following #{topic}")}
  end

  @impl true
  def handle_info(:refresh, socket), do: {:noreply, assign(socket, :status, "refreshed")}
end
