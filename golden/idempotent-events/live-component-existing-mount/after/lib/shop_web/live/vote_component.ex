defmodule ShopWeb.VoteComponent do
  use ShopWeb, :live_component

  alias Shop.Polls

  @impl true
  def mount(socket) do
    socket = assign(socket, :vote_idempotency_key, Ecto.UUID.generate())
    {:ok, assign(socket, :voted, false)}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <button
      phx-click="vote"
      phx-target={@myself}
      phx-value-choice={@choice}
      phx-value-vote_idempotency_key={@vote_idempotency_key}
    >
      Vote
    </button>
    """
  end

  @impl true
  def handle_event("vote", %{"vote_idempotency_key" => key}, socket)
      when key != socket.assigns.vote_idempotency_key,
      do: {:noreply, socket}

  def handle_event("vote", %{"choice" => choice}, socket) do
    socket = assign(socket, :vote_idempotency_key, Ecto.UUID.generate())
    {:ok, _vote} = Polls.submit_vote(socket.assigns.poll, choice)
    {:noreply, assign(socket, :voted, true)}
  end
end
