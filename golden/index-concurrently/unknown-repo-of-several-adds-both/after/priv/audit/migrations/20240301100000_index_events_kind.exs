defmodule Shop.Audit.IndexEventsKind do
  use Ecto.Migration

  @disable_ddl_transaction true
  @disable_migration_lock true

  def change do
    create index(:events, [:kind], concurrently: true)
  end
end
