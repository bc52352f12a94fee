# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# stub contexts that count writes, and the steps run on before/ and after/.
defmodule Shop.Orders.Address do
  defstruct [:id, :street, :city]
end

defmodule Shop.Orders do
  alias MirFixOracle.Live.Store
  alias Shop.Orders.Address

  def change_address(%Address{} = address, params \\ %{}) do
    {address, %{street: :string, city: :string}}
    |> Ecto.Changeset.cast(params, [:street, :city])
    |> Ecto.Changeset.validate_required([:street, :city])
  end

  def create_address(params) do
    case Ecto.Changeset.apply_action(change_address(%Address{}, params), :insert) do
      {:ok, address} ->
        Store.write(:create_address, fn ->
          {:ok, Store.insert(:addresses, %{address | id: Store.next_id(:addresses)})}
        end)

      {:error, changeset} ->
        {:error, changeset}
    end
  end
end

defmodule MirFixOracle.Case do
  def scenario do
    address = %{"address" => %{"street" => "1 Main St", "city" => "Lisbon"}}

    %{
      routes: [{"/checkout/shipping", ShopWeb.CheckoutLive.Shipping, :edit}],
      mount: "/checkout/shipping",
      # An invalid address keeps the form on the page.
      steps: [{:submit, "form", %{"address" => %{"street" => "", "city" => ""}}}],
      events: [
        %{
          event: "save_shipping_address",
          writes: :create_address,
          send: {:submit, "form", address},
          bare: {:event, :submit, "save_shipping_address", address},
          double_before: 1,
          why:
            "save_shipping_address ends in push_navigate: LiveView stops the page's process after the first submit, " <>
              "so the second submit of a double click never runs, with or without a token"
        }
      ]
    }
  end
end
