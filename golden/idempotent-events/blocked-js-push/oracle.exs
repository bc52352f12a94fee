# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# stub contexts that count writes, and the steps run on before/ and after/.
defmodule Shop.Orders do
  def checkout(cart), do: MirFixOracle.Live.Store.write(:checkout, fn -> {:ok, %{cart: cart}} end)
end

defmodule MirFixOracle.Case do
  def scenario do
    %{
      routes: [{"/cart", ShopWeb.CartLive, :index}],
      assigns: fn -> %{cart: %{id: 7, items: ["book"]}} end,
      mount: "/cart",
      steps: [{:click, "button"}]
    }
  end
end
