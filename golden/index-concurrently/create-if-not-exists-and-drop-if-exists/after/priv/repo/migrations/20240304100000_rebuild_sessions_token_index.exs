defmodule Shop.Repo.Migrations.RebuildSessionsTokenIndex do
  use Ecto.Migration

  @disable_ddl_transaction true
  @disable_migration_lock true

  def up do
    drop_if_exists index(:sessions, [:legacy_token], concurrently: true)
    create_if_not_exists unique_index(:sessions, [:token], concurrently: true)
  end

  def down do
    drop_if_exists unique_index(:sessions, [:token], concurrently: true)
    create_if_not_exists index(:sessions, [:legacy_token], concurrently: true)
  end
end
