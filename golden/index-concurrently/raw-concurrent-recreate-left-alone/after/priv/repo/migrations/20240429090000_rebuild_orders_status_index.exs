defmodule Shop.Repo.Migrations.RebuildOrdersStatusIndex do
  use Ecto.Migration

  @disable_ddl_transaction true
  @disable_migration_lock true

  def up do
    # An earlier failed build may have left an invalid index behind.
    execute "DROP INDEX CONCURRENTLY IF EXISTS orders_status_index"
    execute "CREATE INDEX CONCURRENTLY orders_status_index ON orders (status)"
  end

  def down do
    execute "DROP INDEX CONCURRENTLY IF EXISTS orders_status_index"
  end
end
