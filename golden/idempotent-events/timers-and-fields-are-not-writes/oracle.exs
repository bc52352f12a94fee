# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# stub contexts that count writes, and the steps run on before/ and after/.
defmodule Shop.Reports do
  def get_report, do: %{id: 1, subscribe_topic: "reports:1"}
end

defmodule MirFixOracle.Case do
  def scenario do
    %{
      routes: [{"/report", ShopWeb.ReportLive, :show}],
      mount: "/report",
      steps: [{:click, "#run"}, {:click, "#follow"}]
    }
  end
end
