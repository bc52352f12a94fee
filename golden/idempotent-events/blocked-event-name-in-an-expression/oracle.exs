# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# stub contexts that count their writes, and the steps run on before/ and after/.
defmodule Shop.Reports do
  def submit_report(text),
    do: MirFixOracle.Live.Store.write(:submit_report, fn -> {:ok, %{text: text}} end)
end

defmodule MirFixOracle.Case do
  def scenario do
    %{
      routes: [{"/report", ShopWeb.ReportUserLive, :new}],
      mount: "/report",
      steps: [{:click, "#send"}]
    }
  end
end
