# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# stub contexts that count writes, and the steps run on before/ and after/.
defmodule Shop.Bookings do
  def book_slot(slot),
    do: MirFixOracle.Live.Store.write(:book_slot, fn -> {:ok, %{slot_id: slot.id}} end)
end

defmodule MirFixOracle.Case do
  def scenario do
    %{
      routes: [{"/book", ShopWeb.BookingLive, :index}],
      assigns: fn -> %{slot: %{id: 42, starts_at: "09:00"}} end,
      mount: "/book",
      events: [
        %{
          event: "book",
          writes: :book_slot,
          send: {:click, "button[phx-click=book]"},
          bare: {:event, :click, "book", %{}}
        }
      ]
    }
  end
end
