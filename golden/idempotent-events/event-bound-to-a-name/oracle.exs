# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# stub contexts that count their writes, and the steps run on before/ and after/.
defmodule Shop.Bounties do
  alias MirFixOracle.Live.Store

  def create_bounty(params) do
    Store.write(:create_bounty, fn ->
      {:ok, Store.insert(:bounties, %{id: Store.next_id(:bounties), amount: params["amount"]})}
    end)
  end

  def pay_bounty("pay"), do: Store.write(:pay_bounty, fn -> {:ok, :paid} end)
end

defmodule MirFixOracle.Case do
  def scenario do
    bounty = %{"bounty" => %{"amount" => "50"}}

    %{
      routes: [{"/bounties", ShopWeb.BountyLive, :index}],
      mount: "/bounties",
      events: [
        %{
          event: "create",
          writes: :create_bounty,
          send: {:submit, "#bounty-form", bounty},
          bare: {:event, :submit, "create", bounty}
        },
        %{
          event: "pay",
          writes: :pay_bounty,
          send: {:click, "#pay"},
          bare: {:event, :click, "pay", %{}}
        }
      ]
    }
  end
end
