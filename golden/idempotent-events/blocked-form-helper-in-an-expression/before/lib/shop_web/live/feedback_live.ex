defmodule ShopWeb.FeedbackLive do
  use ShopWeb, :live_view

  alias Shop.Feedback

  @impl true
  def mount(_params, _session, socket) do
    {:ok, socket}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <%= form_for :feedback, "#", [id: "feedback-form", phx_submit: "submit"], fn f -> %>
      <%= text_input(f, :body) %>
      <button type="submit">Send</button>
    <% end %>
    """
  end

  @impl true
  def handle_event("submit", %{"feedback" => params}, socket) do
    {:ok, _feedback} = Feedback.submit_feedback(params)
    {:noreply, put_flash(socket, :info, "Thanks")}
  end
end
