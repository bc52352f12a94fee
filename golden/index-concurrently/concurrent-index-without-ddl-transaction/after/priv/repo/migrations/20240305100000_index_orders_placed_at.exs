defmodule Shop.Repo.Migrations.IndexOrdersPlacedAt do
  use Ecto.Migration

  @disable_ddl_transaction true
  @disable_migration_lock true

  def change do
    create index(:orders, [:placed_at], concurrently: true)
  end
end
