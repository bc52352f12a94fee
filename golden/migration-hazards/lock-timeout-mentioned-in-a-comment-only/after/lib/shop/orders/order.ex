defmodule Shop.Orders.Order do
  use Ecto.Schema

  schema "orders" do
    field :status, :string
    field :total, :integer
    field :legacy_total, :integer
    field :note, :string
    field :amount, :decimal
    belongs_to :customer, Shop.Customers.Customer

    timestamps()
  end
end
