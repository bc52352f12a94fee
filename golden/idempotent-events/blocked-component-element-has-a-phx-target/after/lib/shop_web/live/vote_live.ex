defmodule ShopWeb.VoteLive do
  use ShopWeb, :live_view

  alias Shop.Votes

  @impl true
  def mount(_params, _session, socket) do
    {:ok, socket}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <div id="ballot">
      <.vote_button target="#ballot" />
    </div>
    """
  end

  attr :target, :string, required: true

  defp vote_button(assigns) do
    ~H"""
    <button id="vote" phx-click="vote" phx-target={@target}>Vote</button>
    """
  end

  @impl true
  def handle_event("vote", _params, socket) do
    {:ok, _vote} = Votes.create_vote()
    {:noreply, put_flash(socket, :info, "Voted")}
  end
end
