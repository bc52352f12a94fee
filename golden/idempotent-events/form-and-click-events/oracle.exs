# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# stub contexts that count writes, and the steps run on before/ and after/.
defmodule Shop.Orders.Order do
  defstruct [:id, :total, status: "draft"]
end

defmodule Shop.Orders do
  alias MirFixOracle.Live.Store
  alias Shop.Orders.Order

  def change_order(%Order{} = order, params \\ %{}) do
    {order, %{total: :integer}}
    |> Ecto.Changeset.cast(params, [:total])
    |> Ecto.Changeset.validate_required([:total])
  end

  def create_order(params) do
    case Ecto.Changeset.apply_action(change_order(%Order{}, params), :insert) do
      {:ok, order} ->
        Store.write(:create_order, fn ->
          {:ok, Store.insert(:orders, %{order | id: Store.next_id(:orders)})}
        end)

      {:error, changeset} ->
        {:error, changeset}
    end
  end

  def update_order(%Order{} = order, params) do
    Store.write(:update_order, fn ->
      Ecto.Changeset.apply_action(change_order(order, params), :update)
    end)
  end

  def place_order(%Order{} = order),
    do: Store.write(:place_order, fn -> {:ok, %{order | status: "placed"}} end)
end

defmodule MirFixOracle.Case do
  def scenario do
    order = %{"order" => %{"total" => "12"}}

    %{
      routes: [{"/checkout", ShopWeb.CheckoutLive, :new}],
      mount: "/checkout",
      steps: [{:change, "#order-form", order}],
      # save creates the order, which shows the Place order button.
      events: [
        %{
          event: "save",
          writes: :create_order,
          send: {:submit, "#order-form", order},
          bare: {:event, :submit, "save", order}
        },
        %{
          event: "place_order",
          writes: :place_order,
          send: {:click, "button[phx-click=place_order]"},
          bare: {:event, :click, "place_order", %{}}
        }
      ]
    }
  end
end
