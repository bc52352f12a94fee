defmodule Shop.Repo.Migrations.IndexOrdersChannel do
  use Ecto.Migration

  @disable_ddl_transaction true
  @disable_migration_lock true

  def up do
    execute "CREATE INDEX CONCURRENTLY orders_channel_index ON orders (channel)"
  end

  def down do
    execute "DROP INDEX CONCURRENTLY orders_channel_index"
  end
end
