defmodule Shop.Repo.Migrations.AddShippingToOrders do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      add :shipping_method, :string, null: false
      add :shipped_at, :utc_datetime
    end

    execute "COMMENT ON COLUMN orders.shipped_at IS 'set by the carrier webhook'", ""
  end
end
