defmodule ShopWeb.CheckoutLive.Shipping do
  use ShopWeb, :live_view

  alias Shop.Orders

  @impl true
  def mount(_params, _session, socket) do
    socket = assign(socket, :save_shipping_address_idempotency_key, Ecto.UUID.generate())
    {:ok, assign(socket, :form, to_form(Orders.change_address(%Orders.Address{})))}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <.form for={@form} phx-submit="save_shipping_address">
      <input
        type="hidden"
        name="save_shipping_address_idempotency_key"
        value={@save_shipping_address_idempotency_key}
      />
      <.input field={@form[:street]} label="Street" />
      <.input field={@form[:city]} label="City" />
      <.button phx-disable-with="Saving address...">Continue</.button>
    </.form>
    """
  end

  @impl true
  def handle_event(
        "save_shipping_address",
        %{"save_shipping_address_idempotency_key" => key},
        socket
      )
      when key != socket.assigns.save_shipping_address_idempotency_key,
      do: {:noreply, socket}

  def handle_event("save_shipping_address", %{"address" => address_params}, socket) do
    socket = assign(socket, :save_shipping_address_idempotency_key, Ecto.UUID.generate())

    case Orders.create_address(address_params) do
      {:ok, _address} -> {:noreply, push_navigate(socket, to: ~p"/checkout/payment")}
      {:error, changeset} -> {:noreply, assign(socket, :form, to_form(changeset))}
    end
  end
end
