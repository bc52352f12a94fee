defmodule ShopWeb.BountyLive do
  use ShopWeb, :live_view

  alias Shop.Bounties

  require Logger

  @impl true
  def mount(_params, _session, socket) do
    socket = assign(socket, :create_idempotency_key, Ecto.UUID.generate())
    socket = assign(socket, :pay_idempotency_key, Ecto.UUID.generate())
    {:ok, assign(socket, :form, to_form(%{"amount" => ""}, as: :bounty))}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <.form for={@form} id="bounty-form" phx-submit="create">
      <input type="hidden" name="create_idempotency_key" value={@create_idempotency_key} />
      <input type="text" name="bounty[amount]" value={@form[:amount].value} />
      <button type="submit" phx-disable-with="Saving...">Post bounty</button>
    </.form>
    <button id="pay" phx-click="pay" phx-value-pay_idempotency_key={@pay_idempotency_key}>Pay</button>
    """
  end

  @impl true
  def handle_event("create", %{"create_idempotency_key" => key}, socket)
      when key != socket.assigns.create_idempotency_key,
      do: {:noreply, socket}

  def handle_event("create" = event, %{"bounty" => params}, socket) do
    socket = assign(socket, :create_idempotency_key, Ecto.UUID.generate())
    Logger.info("#{event}: #{inspect(params)}")

    case Bounties.create_bounty(params) do
      {:ok, _bounty} -> {:noreply, put_flash(socket, :info, "Bounty posted")}
      {:error, _reason} -> {:noreply, put_flash(socket, :error, "Could not post the bounty")}
    end
  end

  def handle_event("pay", %{"pay_idempotency_key" => key}, socket)
      when key != socket.assigns.pay_idempotency_key,
      do: {:noreply, socket}

  def handle_event(event = "pay", _params, socket) do
    socket = assign(socket, :pay_idempotency_key, Ecto.UUID.generate())
    {:ok, _payment} = Bounties.pay_bounty(event)
    {:noreply, put_flash(socket, :info, "Paid")}
  end
end
