# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# stub contexts that count writes, and the steps run on before/ and after/.
defmodule Shop.Bookings do
  alias MirFixOracle.Live.Store

  def book_appointment(slot), do: Store.write(:book_appointment, fn -> {:ok, slot} end)

  def send_reminder(slot), do: Store.write(:send_reminder, fn -> {:ok, slot.id} end)
end

defmodule MirFixOracle.Case do
  def scenario do
    %{
      routes: [{"/", ShopWeb.BookingLive, :index}],
      mount: "/",
      events: [
        %{
          event: "book_appointment",
          writes: :book_appointment,
          send: {:click, "button[phx-click=book_appointment]"},
          bare: {:event, :click, "book_appointment", %{"slot" => "7"}}
        },
        %{
          event: "send_reminder",
          writes: :send_reminder,
          send: {:click, "button[phx-click=send_reminder]"},
          bare: {:event, :click, "send_reminder", %{}}
        }
      ]
    }
  end
end
