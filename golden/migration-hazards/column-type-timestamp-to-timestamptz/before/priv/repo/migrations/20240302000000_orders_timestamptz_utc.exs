defmodule Shop.Repo.Migrations.OrdersTimestamptzUtc do
  use Ecto.Migration

  def change do
    execute "SET LOCAL timezone TO 'UTC'", "SET LOCAL timezone TO 'UTC'"

    alter table(:orders) do
      modify :updated_at, :timestamptz, from: :naive_datetime
    end
  end
end
