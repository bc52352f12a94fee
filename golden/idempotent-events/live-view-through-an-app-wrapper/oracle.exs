# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# stub contexts that count their writes, and the steps run on before/ and after/.
defmodule Shop.Teams do
  alias MirFixOracle.Live.Store

  def invite_member(email) do
    Store.write(:invite_member, fn -> {:ok, Store.insert(:invitations, %{id: Store.next_id(:invitations), email: email})} end)
  end
end

defmodule MirFixOracle.Case do
  def scenario do
    invite = %{"invite" => %{"email" => "ada@example.com"}}

    %{
      routes: [{"/invite", ShopWeb.InviteLive, :new}],
      mount: "/invite",
      events: [
        %{
          event: "invite",
          writes: :invite_member,
          send: {:submit, "#invite-form", invite},
          bare: {:event, :submit, "invite", invite}
        }
      ]
    }
  end
end
