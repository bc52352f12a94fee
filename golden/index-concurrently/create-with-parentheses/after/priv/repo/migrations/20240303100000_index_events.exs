defmodule Shop.Repo.Migrations.IndexEvents do
  use Ecto.Migration

  @disable_ddl_transaction true
  @disable_migration_lock true

  def change do
    create(index(:events, [:account_id], concurrently: true))
    create(index("events", [:inserted_at], name: "events_inserted_at_index", concurrently: true))
  end
end
