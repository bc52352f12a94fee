defmodule ShopWeb.DonateLive do
  use ShopWeb, :live_view

  alias Shop.Donations
  alias ShopWeb.DonateHTML

  @impl true
  def mount(_params, _session, socket) do
    {:ok, assign(socket, :amount, 10)}
  end

  @impl true
  def render(assigns) do
    DonateHTML.page(assigns)
  end

  @impl true
  def handle_event("donate", %{"amount" => amount}, socket) do
    {:ok, _donation} = Donations.charge_donation(amount)
    {:noreply, put_flash(socket, :info, "Thank you")}
  end
end
