# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# stub contexts that count their writes, and the steps run on before/ and after/.
defmodule Shop.Groups do
  def create_grant(group, params),
    do: MirFixOracle.Live.Store.write(:create_grant, fn -> {:ok, {group.id, params}} end)
end

defmodule MirFixOracle.Case do
  def scenario do
    grant = %{"grant" => %{"resource" => "db"}}

    %{
      routes: [{"/groups/1", ShopWeb.GroupLive, :show}],
      mount: "/groups/1",
      events: [
        %{
          event: "submit_grant",
          writes: :create_grant,
          send: {:submit, "#grant-form", grant},
          bare: {:event, :submit, "submit_grant", grant}
        }
      ]
    }
  end
end
