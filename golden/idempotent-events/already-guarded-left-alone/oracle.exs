# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# stub contexts that count writes, and the steps run on before/ and after/.
defmodule Shop.Accounts.User do
  defstruct [:id, :email]
end

defmodule Shop.Billing do
  def charge_card(%Shop.Accounts.User{id: id}),
    do: MirFixOracle.Live.Store.write(:charge_card, fn -> {:ok, %{user_id: id}} end)
end

defmodule MirFixOracle.Case do
  def scenario do
    %{
      routes: [{"/pay", ShopWeb.PaymentLive, :index}],
      assigns: fn -> %{current_user: %Shop.Accounts.User{id: 1, email: "ada@example.com"}} end,
      mount: "/pay",
      steps: [{:double, {:click, "button[phx-click=pay]"}}, {:click, "button[phx-click=pay]"}]
    }
  end
end
