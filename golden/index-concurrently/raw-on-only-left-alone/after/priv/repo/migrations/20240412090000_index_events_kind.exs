defmodule Shop.Repo.Migrations.IndexEventsKind do
  use Ecto.Migration

  @disable_ddl_transaction true
  @disable_migration_lock true

  def up do
    # The partition recipe: the parent's index is built for no row, so nothing waits on it.
    execute "CREATE INDEX events_kind_index ON ONLY events (kind)"
    execute "CREATE INDEX CONCURRENTLY events_default_kind_index ON events_default (kind)"
    execute "ALTER INDEX events_kind_index ATTACH PARTITION events_default_kind_index"
  end

  def down do
    execute "DROP INDEX events_kind_index"
  end
end
