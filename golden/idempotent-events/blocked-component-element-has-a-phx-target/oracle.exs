# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# stub contexts that count their writes, and the steps run on before/ and after/.
defmodule Shop.Votes do
  def create_vote, do: MirFixOracle.Live.Store.write(:create_vote, fn -> {:ok, :voted} end)
end

defmodule MirFixOracle.Case do
  def scenario do
    %{
      routes: [{"/vote", ShopWeb.VoteLive, :index}],
      mount: "/vote",
      steps: [{:click, "#vote"}]
    }
  end
end
