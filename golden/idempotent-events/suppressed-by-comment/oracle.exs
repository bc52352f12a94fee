# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# stub contexts that count writes, and the steps run on before/ and after/.
defmodule Shop.Accounts do
  def register_user(attrs),
    do: MirFixOracle.Live.Store.write(:register_user, fn -> {:ok, attrs} end)
end

defmodule MirFixOracle.Case do
  def scenario do
    %{
      routes: [{"/signup", ShopWeb.SignupLive, :new}],
      mount: "/signup",
      steps: [{:double, {:submit, "form", %{"email" => "ada@example.com"}}}]
    }
  end
end
