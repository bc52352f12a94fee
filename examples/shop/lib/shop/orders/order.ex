defmodule Shop.Orders.Order do
  use Ecto.Schema
  import Ecto.Changeset

  @statuses ~w(pending placed shipped cancelled)

  schema "orders" do
    field :status, :string, default: "pending"
    field :total, :decimal
    field :customer_email, :string
    field :currency, :string, default: "EUR"

    timestamps(type: :utc_datetime)
  end

  @doc false
  def changeset(order, attrs) do
    order
    |> cast(attrs, [:status, :total, :customer_email, :currency])
    |> validate_required([:total, :customer_email])
    |> validate_inclusion(:status, @statuses)
    |> validate_format(:customer_email, ~r/@/)
  end
end
