defmodule Shop.Repo.Migrations.CreateShipmentsConcurrentIndexes do
  use Ecto.Migration

  @disable_ddl_transaction true
  @disable_migration_lock true

  def change do
    create index(:orders, [:shipped_at], concurrently: true)
  end
end
