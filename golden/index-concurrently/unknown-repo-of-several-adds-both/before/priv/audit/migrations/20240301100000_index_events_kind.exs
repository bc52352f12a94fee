defmodule Shop.Audit.IndexEventsKind do
  use Ecto.Migration

  def change do
    create index(:events, [:kind])
  end
end
