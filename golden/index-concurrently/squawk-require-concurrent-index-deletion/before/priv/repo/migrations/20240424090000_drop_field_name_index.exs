defmodule Shop.Repo.Migrations.DropFieldNameIndex do
  use Ecto.Migration

  def up do
    execute ~s|DROP INDEX IF EXISTS "field_name_idx"|
  end

  def down do
    execute "CREATE INDEX IF NOT EXISTS field_name_idx ON table_name (field_name)"
  end
end
