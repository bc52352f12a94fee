defmodule Shop.Repo.Migrations.AddOrdersRegionIndex do
  use Ecto.Migration

  @disable_ddl_transaction true
  @disable_migration_lock true

  def change do
    create index(:orders, [:region], concurrently: true)
  end
end
