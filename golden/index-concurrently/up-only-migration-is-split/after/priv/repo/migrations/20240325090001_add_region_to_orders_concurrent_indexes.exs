defmodule Shop.Repo.Migrations.AddRegionToOrdersConcurrentIndexes do
  use Ecto.Migration

  @disable_ddl_transaction true
  @disable_migration_lock true

  def up do
    create index(:orders, [:region], concurrently: true)
  end
end
