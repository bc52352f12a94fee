defmodule Shop.Repo.Migrations.IndexEvents do
  use Ecto.Migration

  def change do
    create(index(:events, [:account_id]))
    create(index("events", [:inserted_at], name: "events_inserted_at_index"))
  end
end
