# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# stub contexts that count writes, and the steps run on before/ and after/.
# The LiveView lists Node.list(): no stub; this node is not distributed, so the
# list is empty on both sides.
defmodule MirFixOracle.Case do
  def scenario do
    %{
      routes: [{"/cluster", ShopWeb.ClusterLive, :index}],
      mount: "/cluster",
      list: "#nodes div"
    }
  end
end
