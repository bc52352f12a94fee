defmodule ShopWeb.CheckoutLive do
  use ShopWeb, :live_view

  alias Shop.Orders
  alias Shop.Orders.Order

  @impl true
  def mount(_params, _session, socket) do
    socket = assign(socket, :save_idempotency_key, Ecto.UUID.generate())
    socket = assign(socket, :place_order_idempotency_key, Ecto.UUID.generate())
    order = %Order{}
    {:ok, assign(socket, order: order, form: to_form(Orders.change_order(order)))}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <.simple_form for={@form} id="order-form" phx-change="validate" phx-submit="save">
      <input type="hidden" name="save_idempotency_key" value={@save_idempotency_key} />
      <.input field={@form[:total]} type="number" label="Total" />
      <:actions>
        <.button phx-disable-with="Saving...">Save Order</.button>
      </:actions>
    </.simple_form>
    <button
      :if={@order.id}
      phx-click="place_order"
      phx-value-place_order_idempotency_key={@place_order_idempotency_key}
    >
      Place order
    </button>
    """
  end

  @impl true
  def handle_event("validate", %{"order" => order_params}, socket) do
    changeset = Orders.change_order(socket.assigns.order, order_params)
    {:noreply, assign(socket, :form, to_form(changeset, action: :validate))}
  end

  def handle_event("save", %{"save_idempotency_key" => key}, socket)
      when key != socket.assigns.save_idempotency_key,
      do: {:noreply, socket}

  def handle_event("save", %{"order" => order_params}, socket) do
    socket = assign(socket, :save_idempotency_key, Ecto.UUID.generate())
    save_order(socket, socket.assigns.live_action, order_params)
  end

  def handle_event("place_order", %{"place_order_idempotency_key" => key}, socket)
      when key != socket.assigns.place_order_idempotency_key,
      do: {:noreply, socket}

  def handle_event("place_order", _params, socket) do
    socket = assign(socket, :place_order_idempotency_key, Ecto.UUID.generate())

    case Orders.place_order(socket.assigns.order) do
      {:ok, order} -> {:noreply, assign(socket, :order, order)}
      {:error, _reason} -> {:noreply, put_flash(socket, :error, "Could not place order")}
    end
  end

  defp save_order(socket, :edit, order_params) do
    {:ok, order} = Orders.update_order(socket.assigns.order, order_params)
    {:noreply, assign(socket, :order, order)}
  end

  defp save_order(socket, :new, order_params) do
    case Orders.create_order(order_params) do
      {:ok, order} ->
        {:noreply, assign(socket, order: order, form: to_form(Orders.change_order(order)))}

      {:error, %Ecto.Changeset{} = changeset} ->
        {:noreply, assign(socket, :form, to_form(changeset))}
    end
  end
end
