defmodule Shop.Repo.Migrations.DropFieldNameIndex do
  use Ecto.Migration

  @disable_ddl_transaction true
  @disable_migration_lock true

  def up do
    execute ~s|DROP INDEX CONCURRENTLY IF EXISTS "field_name_idx"|
  end

  def down do
    execute "CREATE INDEX CONCURRENTLY IF NOT EXISTS field_name_idx ON table_name (field_name)"
  end
end
