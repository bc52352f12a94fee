defmodule ShopWeb.CheckoutLive do
  use ShopWeb, :live_view

  alias Shop.Orders
  alias Shop.Orders.Order

  @impl true
  def mount(_params, _session, socket) do
    order = %Order{}

    {:ok,
     socket
     |> assign(:order, order)
     |> assign(:form, to_form(Orders.change_order(order)))}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <h1 class="text-lg font-semibold">Checkout</h1>
    <.simple_form for={@form} id="order-form" phx-change="validate" phx-submit="save">
      <.input field={@form[:customer_email]} type="email" label="Email" />
      <.input field={@form[:total]} type="number" label="Total" step="any" />
      <.input field={@form[:currency]} type="text" label="Currency" />
      <:actions>
        <.button phx-disable-with="Saving...">Save Order</.button>
      </:actions>
    </.simple_form>
    <button :if={@order.id} phx-click="place_order">Place order</button>
    """
  end

  @impl true
  def handle_event("validate", %{"order" => order_params}, socket) do
    changeset =
      socket.assigns.order
      |> Orders.change_order(order_params)
      |> Map.put(:action, :validate)

    {:noreply, assign(socket, :form, to_form(changeset))}
  end

  def handle_event("save", %{"order" => order_params}, socket) do
    save_order(socket, socket.assigns.live_action, order_params)
  end

  def handle_event("place_order", _params, socket) do
    case Orders.place_order(socket.assigns.order) do
      {:ok, order} ->
        {:noreply,
         socket
         |> assign(:order, order)
         |> put_flash(:info, "Order placed")}

      {:error, %Ecto.Changeset{}} ->
        {:noreply, put_flash(socket, :error, "Could not place order")}
    end
  end

  defp save_order(socket, :new, order_params) do
    case Orders.create_order(order_params) do
      {:ok, order} ->
        {:noreply,
         socket
         |> assign(:order, order)
         |> assign(:form, to_form(Orders.change_order(order)))
         |> put_flash(:info, "Order created successfully")}

      {:error, %Ecto.Changeset{} = changeset} ->
        {:noreply, assign(socket, :form, to_form(changeset))}
    end
  end
end
