defmodule Shop.Repo.Migrations.IndexEventsKind do
  use Ecto.Migration

  def change do
    create index(:events, [:kind])
  end
end
