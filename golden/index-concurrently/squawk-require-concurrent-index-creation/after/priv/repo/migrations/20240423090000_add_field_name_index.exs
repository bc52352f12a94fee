defmodule Shop.Repo.Migrations.AddFieldNameIndex do
  use Ecto.Migration

  @disable_ddl_transaction true
  @disable_migration_lock true

  def change do
    execute ~s|CREATE INDEX CONCURRENTLY "field_name_idx" ON "table_name" ("field_name")|,
            ~s|DROP INDEX CONCURRENTLY "field_name_idx"|
  end
end
