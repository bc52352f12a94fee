defmodule Shop.Repo.Migrations.AddChannelRefToOrdersConcurrentIndexes do
  use Ecto.Migration

  @disable_ddl_transaction true
  @disable_migration_lock true

  def up do
    execute "CREATE INDEX CONCURRENTLY orders_channel_ref_index ON orders (channel_ref)"
  end

  def down do
    execute "DROP INDEX CONCURRENTLY orders_channel_ref_index"
  end
end
