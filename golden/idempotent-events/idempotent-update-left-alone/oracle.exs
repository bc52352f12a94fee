# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# stub contexts that count writes, and the steps run on before/ and after/.
defmodule Shop.Accounts.User do
  defstruct [:id, :name]
end

defmodule Shop.Accounts do
  def update_user(%Shop.Accounts.User{} = user, attrs) do
    MirFixOracle.Live.Store.write(:update_user, fn -> {:ok, %{user | name: attrs.name}} end)
  end
end

defmodule MirFixOracle.Case do
  def scenario do
    %{
      routes: [{"/profile", ShopWeb.ProfileLive, :edit}],
      assigns: fn -> %{current_user: %Shop.Accounts.User{id: 1, name: "Ada"}} end,
      mount: "/profile",
      steps: [{:double, {:submit, "form", %{"name" => "Grace"}}}]
    }
  end
end
