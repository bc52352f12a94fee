defmodule Shop.Repo.Migrations.OrdersTimestamptz do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      modify :inserted_at, :timestamptz, from: :naive_datetime
    end
  end
end
