# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# stub contexts that count their writes, and the steps run on before/ and after/.
defmodule Shop.Alerts do
  alias MirFixOracle.Live.Store

  def list_alerts, do: Store.all(:alerts)

  def create_alert(params) do
    Store.write(:create_alert, fn ->
      {:ok, Store.insert(:alerts, %{id: Store.next_id(:alerts), query: params["query"]})}
    end)
  end
end

defmodule MirFixOracle.Case do
  def scenario do
    alert = %{"alert" => %{"query" => "errors > 10"}}

    %{
      routes: [{"/alerts/new", ShopWeb.AlertsLive, :new}, {"/alerts", ShopWeb.AlertsLive, :index}],
      mount: "/alerts/new",
      events: [
        %{
          event: "save",
          writes: :create_alert,
          send: {:submit, "#alert-form", alert},
          bare: {:event, :submit, "save", alert}
        }
      ]
    }
  end
end
