defmodule Shop.Repo.Migrations.AddFieldNameIndex do
  use Ecto.Migration

  def change do
    execute ~s|CREATE INDEX "field_name_idx" ON "table_name" ("field_name")|,
            ~s|DROP INDEX "field_name_idx"|
  end
end
