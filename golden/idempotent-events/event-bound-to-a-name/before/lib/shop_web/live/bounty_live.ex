defmodule ShopWeb.BountyLive do
  use ShopWeb, :live_view

  alias Shop.Bounties

  require Logger

  @impl true
  def mount(_params, _session, socket) do
    {:ok, assign(socket, :form, to_form(%{"amount" => ""}, as: :bounty))}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <.form for={@form} id="bounty-form" phx-submit="create">
      <input type="text" name="bounty[amount]" value={@form[:amount].value} />
      <button type="submit">Post bounty</button>
    </.form>
    <button id="pay" phx-click="pay">Pay</button>
    """
  end

  @impl true
  def handle_event("create" = event, %{"bounty" => params}, socket) do
    Logger.info("#{event}: #{inspect(params)}")

    case Bounties.create_bounty(params) do
      {:ok, _bounty} -> {:noreply, put_flash(socket, :info, "Bounty posted")}
      {:error, _reason} -> {:noreply, put_flash(socket, :error, "Could not post the bounty")}
    end
  end

  def handle_event(event = "pay", _params, socket) do
    {:ok, _payment} = Bounties.pay_bounty(event)
    {:noreply, put_flash(socket, :info, "Paid")}
  end
end
