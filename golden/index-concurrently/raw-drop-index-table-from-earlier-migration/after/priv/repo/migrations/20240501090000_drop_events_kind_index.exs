defmodule Shop.Repo.Migrations.DropEventsKindIndex do
  use Ecto.Migration

  def up do
    execute "DROP INDEX events_kind_idx"
  end

  def down do
    execute "CREATE INDEX events_kind_idx ON events (kind)"
  end
end
