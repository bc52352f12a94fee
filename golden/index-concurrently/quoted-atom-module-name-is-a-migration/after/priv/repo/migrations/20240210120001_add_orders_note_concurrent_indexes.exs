defmodule Shop.Repo.Migrations.AddOrdersNoteConcurrentIndexes do
  use Ecto.Migration

  @disable_ddl_transaction true
  @disable_migration_lock true

  def change do
    create index(:orders, [:status], concurrently: true)
  end
end
