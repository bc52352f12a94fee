# LiveView oracle scenario (tests/test_oracle_liveview.py): stub contexts and steps.
defmodule Shop.Teams.Team do
  defstruct [:id, :name]
end

defmodule Shop.Teams.Member do
  defstruct [:id, :team_id, :email]
end

defmodule Shop.Teams do
  alias MirFixOracle.Live.Store
  alias Shop.Teams.Team

  def get_team!(id),
    do: Enum.find(Store.all(:teams), &(to_string(&1.id) == id)) || raise("no team #{id}")

  def invite_member(%Team{} = team) do
    Store.write(:invite_member, fn -> {:ok, %{team_id: team.id}} end)
  end

  def update_team(%Team{} = team, attrs) do
    Store.write(:update_team, fn -> {:ok, %{team | name: attrs.name}} end)
  end
end

defmodule Shop.Repo do
  alias MirFixOracle.Live.Store

  def insert(%Shop.Teams.Member{} = member) do
    Store.write(:insert_member, fn ->
      {:ok, Store.insert(:members, %{member | id: Store.next_id(:members)})}
    end)
  end
end

defmodule MirFixOracle.Case do
  def scenario do
    %{
      routes: [{"/teams/:id", ShopWeb.TeamLive, :show}],
      seed: fn ->
        MirFixOracle.Live.Store.seed(:teams, [%Shop.Teams.Team{id: 1, name: "Core"}])
      end,
      mount: "/teams/1",
      steps: [{:click, "button[phx-click=rename]", %{"name" => "Platform"}}],
      events: [
        %{
          event: "invite",
          writes: :invite_member,
          send: {:click, "button[phx-click=invite]"},
          bare: {:event, :click, "invite", %{}}
        },
        %{
          event: "add_member",
          writes: :insert_member,
          send: {:submit, "form[phx-submit=add_member]", %{"email" => "ada@example.com"}},
          bare: {:event, :submit, "add_member", %{"email" => "ada@example.com"}}
        }
      ]
    }
  end
end
