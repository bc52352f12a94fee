# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# stub contexts that count writes, and the steps run on before/ and after/.
defmodule Shop.Teams.Team do
  defstruct [:id, :name]
end

defmodule Shop.Teams do
  alias MirFixOracle.Live.Store

  def get_team!(id),
    do: Enum.find(Store.all(:teams), &(to_string(&1.id) == id)) || raise("no team #{id}")

  def suggested_emails(_team), do: ["bob@example.com", "eve@example.com"]

  def create_member(%Shop.Teams.Team{id: team_id}, %{email: email}) do
    Store.write(:create_member, fn ->
      {:ok,
       Store.insert(:members, %{id: Store.next_id(:members), team_id: team_id, email: email})}
    end)
  end
end

defmodule MirFixOracle.Case do
  def scenario do
    %{
      routes: [{"/teams/:id/members", ShopWeb.TeamLive.Members, :index}],
      seed: fn ->
        MirFixOracle.Live.Store.seed(:teams, [%Shop.Teams.Team{id: 1, name: "Core"}])
      end,
      mount: "/teams/1/members",
      events: [
        %{
          event: "add-member",
          writes: :create_member,
          send: {:submit, "form", %{"email" => "ada@example.com"}},
          bare: {:event, :submit, "add-member", %{"email" => "ada@example.com"}}
        }
      ]
    }
  end
end
