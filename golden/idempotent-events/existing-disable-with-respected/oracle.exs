# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# stub contexts that count writes, and the steps run on before/ and after/.
defmodule Shop.Events do
  alias MirFixOracle.Live.Store

  def create_event(attrs),
    do: Store.write(:create_event, fn -> {:ok, Store.insert(:events, attrs)} end)
end

defmodule MirFixOracle.Case do
  def scenario do
    %{
      routes: [{"/events/new", ShopWeb.EventLive, :new}],
      mount: "/events/new",
      events: [
        %{
          event: "save",
          writes: :create_event,
          send: {:submit, "form", %{"name" => "Launch"}},
          bare: {:event, :submit, "save", %{"name" => "Launch"}}
        }
      ]
    }
  end
end
