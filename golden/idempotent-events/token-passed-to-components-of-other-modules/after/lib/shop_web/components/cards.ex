defmodule ShopWeb.Cards do
  use Phoenix.Component

  def tip_card(assigns) do
    ~H"""
    <section class="card">
      <h2><%= @title %></h2>
      <form id="tip-form" phx-submit="tip">
        <input
          :if={@tip_idempotency_key}
          type="hidden"
          name="tip_idempotency_key"
          value={@tip_idempotency_key}
        />
        <input type="number" name="amount" value="5" />
        <button phx-disable-with="Saving...">Leave a tip</button>
      </form>
    </section>
    """
  end
end
