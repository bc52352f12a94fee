# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# stub contexts that count their writes, and the steps run on before/ and after/.
defmodule Shop.Orders do
  alias MirFixOracle.Live.Store

  def list_orders, do: Store.all(:orders)

  def create_order_from(id) do
    Store.write(:create_order_from, fn ->
      original = Enum.find(list_orders(), &(&1.id == id))
      {:ok, Store.insert(:orders, %{original | id: Store.next_id(:orders)})}
    end)
  end

  def create_tip(amount), do: Store.write(:create_tip, fn -> {:ok, %{amount: amount}} end)
end

defmodule MirFixOracle.Case do
  def scenario do
    %{
      routes: [{"/orders", ShopWeb.OrdersLive, :index}],
      mount: "/orders",
      seed: fn -> MirFixOracle.Live.Store.seed(:orders, [%{id: 1, total: 12}]) end,
      events: [
        %{
          event: "reorder",
          writes: :create_order_from,
          send: {:click, "#order-1-reorder"},
          bare: {:event, :click, "reorder", %{"id" => "1"}}
        },
        %{
          event: "tip",
          writes: :create_tip,
          send: {:submit, "#tip-form", %{"amount" => "5"}},
          bare: {:event, :submit, "tip", %{"amount" => "5"}}
        }
      ]
    }
  end
end
