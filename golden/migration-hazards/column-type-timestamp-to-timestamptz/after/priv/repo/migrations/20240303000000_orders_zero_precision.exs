defmodule Shop.Repo.Migrations.OrdersZeroPrecision do
  use Ecto.Migration

  def change do
    execute "SET LOCAL timezone TO 'UTC'", "SET LOCAL timezone TO 'UTC'"

    alter table(:orders) do
      modify :paid_at, :timestamptz, precision: 0, from: :utc_datetime
    end
  end
end
