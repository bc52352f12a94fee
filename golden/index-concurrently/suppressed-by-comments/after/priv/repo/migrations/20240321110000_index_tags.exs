defmodule Shop.Repo.Migrations.IndexTags do
  use Ecto.Migration

  @disable_ddl_transaction true
  @disable_migration_lock true

  def change do
    # excellent_migrations:safety-assured-for-next-line raw_sql_executed
    create index(:tags, [:name], concurrently: true)
  end
end
