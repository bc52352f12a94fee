defmodule ShopWeb.ReportUserLive do
  use ShopWeb, :live_view

  alias Shop.Reports

  @impl true
  def mount(_params, _session, socket) do
    {:ok, assign(socket, :text, "spam")}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <button id="send" phx-click={if @text not in [nil, ""], do: "submit-text"}>Send</button>
    """
  end

  @impl true
  def handle_event("submit-text", _params, socket) do
    {:ok, _report} = Reports.submit_report(socket.assigns.text)
    {:noreply, put_flash(socket, :info, "Reported")}
  end
end
