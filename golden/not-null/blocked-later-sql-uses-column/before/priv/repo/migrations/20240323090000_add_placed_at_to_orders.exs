defmodule Shop.Repo.Migrations.AddPlacedAtToOrders do
  use Ecto.Migration

  def up do
    alter table(:orders) do
      add :placed_at, :utc_datetime, null: false, default: fragment("clock_timestamp()")
    end

    execute "UPDATE orders SET status = 'archived' WHERE placed_at < now() - interval '1 year'"
  end

  def down do
    alter table(:orders) do
      remove :placed_at
    end
  end
end
