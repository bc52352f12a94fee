# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# stub contexts that count writes, and the steps run on before/ and after/.
defmodule Shop.Polls.Poll do
  defstruct [:id, :question]
end

defmodule Shop.Polls do
  def submit_vote(%Shop.Polls.Poll{id: id}, choice) do
    MirFixOracle.Live.Store.write(:submit_vote, fn -> {:ok, %{poll_id: id, choice: choice}} end)
  end
end

defmodule MirFixOracle.Case do
  def scenario do
    %{
      component:
        {ShopWeb.VoteComponent,
         fn ->
           %{id: "vote", choice: "yes", poll: %Shop.Polls.Poll{id: 1, question: "Ship it?"}}
         end},
      events: [
        %{
          event: "vote",
          writes: :submit_vote,
          send: {:click, "button[phx-click=vote]"},
          bare: {:event, :click, "vote", %{"choice" => "yes"}, "button[phx-click=vote]"}
        }
      ]
    }
  end
end
