# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# stub contexts that count their writes, and the steps run on before/ and after/.
defmodule Shop.Donations do
  def charge_donation(amount),
    do: MirFixOracle.Live.Store.write(:charge_donation, fn -> {:ok, %{amount: amount}} end)
end

defmodule MirFixOracle.Case do
  def scenario do
    %{
      routes: [{"/donate", ShopWeb.DonateLive, :new}],
      mount: "/donate",
      events: [
        %{
          event: "donate",
          writes: :charge_donation,
          send: {:submit, "#donate-form", %{"amount" => "10"}},
          bare: {:event, :submit, "donate", %{"amount" => "10"}}
        }
      ]
    }
  end
end
