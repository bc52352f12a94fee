defmodule Shop.Orders do
  @moduledoc """
  The Orders context.
  """

  import Ecto.Query, warn: false
  alias Shop.Repo

  alias Shop.Orders.Order

  @topic "orders"

  def subscribe do
    Phoenix.PubSub.subscribe(Shop.PubSub, @topic)
  end

  def list_orders do
    Order
    |> order_by(desc: :inserted_at)
    |> Repo.all()
  end

  def get_order!(id), do: Repo.get!(Order, id)

  def create_order(attrs \\ %{}) do
    %Order{}
    |> Order.changeset(attrs)
    |> Repo.insert()
    |> broadcast(:order_created)
  end

  def update_order(%Order{} = order, attrs) do
    order
    |> Order.changeset(attrs)
    |> Repo.update()
  end

  def place_order(%Order{} = order) do
    order
    |> Ecto.Changeset.change(status: "placed")
    |> Repo.update()
  end

  def change_order(%Order{} = order, attrs \\ %{}) do
    Order.changeset(order, attrs)
  end

  defp broadcast({:ok, order} = result, event) do
    Phoenix.PubSub.broadcast(Shop.PubSub, @topic, {event, order})
    result
  end

  defp broadcast(result, _event), do: result
end
