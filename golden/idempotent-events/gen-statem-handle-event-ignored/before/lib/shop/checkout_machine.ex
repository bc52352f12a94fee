defmodule Shop.CheckoutMachine do
  @behaviour :gen_statem

  def callback_mode, do: :handle_event_function

  def handle_event({:call, from}, :place, :cart, data) do
    {:ok, order} = Shop.Orders.create_order(data)
    {:next_state, :placed, order, [{:reply, from, :ok}]}
  end
end
