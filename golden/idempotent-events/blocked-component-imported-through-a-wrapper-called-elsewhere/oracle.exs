# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# stub contexts that count their writes, and the steps run on before/ and after/.
defmodule Shop.Tokens do
  def create_token(:user, params),
    do: MirFixOracle.Live.Store.write(:create_token, fn -> {:ok, params} end)
end

defmodule MirFixOracle.Case do
  def scenario do
    %{
      routes: [{"/users", ShopWeb.UsersLive, :index}],
      mount: "/users",
      steps: [{:submit, "#token-form", %{"token" => %{"name" => "ci"}}}]
    }
  end
end
