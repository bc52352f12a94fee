defmodule Shop.Repo.Migrations.IndexOrdersLowerName do
  use Ecto.Migration

  @disable_ddl_transaction true
  @disable_migration_lock true

  def up do
    execute "CREATE INDEX CONCURRENTLY orders_lower_name_index ON orders (lower(name))"
  end

  def down do
    execute "DROP INDEX CONCURRENTLY orders_lower_name_index"
  end
end
