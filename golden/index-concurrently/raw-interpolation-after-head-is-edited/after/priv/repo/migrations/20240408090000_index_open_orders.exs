defmodule Shop.Repo.Migrations.IndexOpenOrders do
  use Ecto.Migration

  @disable_ddl_transaction true
  @disable_migration_lock true

  @closed "void"

  def up do
    execute "CREATE INDEX CONCURRENTLY orders_open_index ON orders (placed_at) WHERE status <> '#{@closed}'"
  end

  def down do
    execute "DROP INDEX CONCURRENTLY orders_open_index"
  end
end
