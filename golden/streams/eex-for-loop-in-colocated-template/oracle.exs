# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# stub contexts that count writes, and the steps run on before/ and after/.
defmodule Shop.Orders.Order do
  defstruct [:id, :status, :total]
end

defmodule Shop.Orders do
  alias MirFixOracle.Live.Store

  def list_orders, do: Enum.reverse(Store.all(:orders))
  # The app subscribes to a PubSub topic; the steps send what it broadcasts.
  def subscribe, do: :ok
end

defmodule MirFixOracle.Case do
  alias MirFixOracle.Live.Store
  alias Shop.Orders.Order

  def scenario do
    %{
      routes: [{"/orders", ShopWeb.OrderLive.Index, :index}],
      seed: fn ->
        Store.seed(:orders, for(id <- 1..3, do: %Order{id: id, status: "paid", total: id * 100}))
      end,
      mount: "/orders",
      list: "#orders tr",
      steps: [
        {:info,
         fn ->
           {:order_created, Store.insert(:orders, %Order{id: 4, status: "new", total: 400})}
         end},
        {:info,
         fn ->
           {:order_created, Store.insert(:orders, %Order{id: 5, status: "new", total: 500})}
         end}
      ]
    }
  end
end
