defmodule Shop.Repo.Migrations.IndexEventsKind do
  use Ecto.Migration

  def up do
    execute "CREATE INDEX events_kind_index ON events (kind)"
  end

  def down do
    execute "DROP INDEX events_kind_index"
  end
end
