defmodule ShopWeb.TransferLive do
  use ShopWeb, :live_view

  alias Ecto.Multi
  alias Shop.Repo

  @impl true
  def mount(_params, _session, socket), do: {:ok, socket}

  @impl true
  def render(assigns) do
    ~H"""
    <form phx-submit="transfer"><input name="amount" /><button>Send</button></form>
    """
  end

  @impl true
  def handle_event("transfer", %{"amount" => amount}, socket) do
    Multi.new()
    |> Multi.run(:debit, fn repo, _ -> Shop.Ledger.debit(repo, amount) end)
    |> Multi.run(:credit, fn repo, _ -> Shop.Ledger.credit(repo, amount) end)
    |> Repo.transaction()

    {:noreply, socket}
  end
end
