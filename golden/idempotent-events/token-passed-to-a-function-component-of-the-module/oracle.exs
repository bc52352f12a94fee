# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# stub contexts that count their writes, and the steps run on before/ and after/.
defmodule Shop.Sinks do
  alias MirFixOracle.Live.Store

  def create_sink(params) do
    Store.write(:create_sink, fn ->
      {:ok, Store.insert(:sinks, %{id: Store.next_id(:sinks), url: params["url"]})}
    end)
  end
end

defmodule MirFixOracle.Case do
  def scenario do
    sink = %{"sink" => %{"url" => "https://example.com/hook"}}

    %{
      routes: [{"/sinks", ShopWeb.SinkLive, :index}],
      mount: "/sinks",
      steps: [{:submit, "#sink-form", sink}, {:click, "#start"}],
      # The wizard's copy of the form, from the second call of the component.
      events: [
        %{
          event: "submit_sink",
          writes: :create_sink,
          send: {:submit, "#wizard-sink-form", sink},
          bare: {:event, :submit, "submit_sink", sink}
        }
      ]
    }
  end
end
