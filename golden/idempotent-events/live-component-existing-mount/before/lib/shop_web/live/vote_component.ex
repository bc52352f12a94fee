defmodule ShopWeb.VoteComponent do
  use ShopWeb, :live_component

  alias Shop.Polls

  @impl true
  def mount(socket) do
    {:ok, assign(socket, :voted, false)}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <button phx-click="vote" phx-target={@myself} phx-value-choice={@choice}>Vote</button>
    """
  end

  @impl true
  def handle_event("vote", %{"choice" => choice}, socket) do
    {:ok, _vote} = Polls.submit_vote(socket.assigns.poll, choice)
    {:noreply, assign(socket, :voted, true)}
  end
end
