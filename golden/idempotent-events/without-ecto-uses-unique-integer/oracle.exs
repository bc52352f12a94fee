# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# stub contexts that count writes, and the steps run on before/ and after/.
defmodule Chat.Rooms do
  def send_message(room, body),
    do: MirFixOracle.Live.Store.write(:send_message, fn -> {:ok, {room.id, body}} end)
end

defmodule MirFixOracle.Case do
  def scenario do
    %{
      routes: [{"/rooms/lobby", ChatWeb.RoomLive, :show}],
      assigns: fn -> %{room: %{id: 1, name: "lobby"}} end,
      mount: "/rooms/lobby",
      events: [
        %{
          event: "send",
          writes: :send_message,
          send: {:submit, "form", %{"body" => "Hello"}},
          bare: {:event, :submit, "send", %{"body" => "Hello"}}
        }
      ]
    }
  end
end
