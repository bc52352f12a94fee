defmodule Shop.Repo.Migrations.RequireConcurrentPartitionDetach do
  use Ecto.Migration

  def change do
    execute "ALTER TABLE events DETACH PARTITION events_2023", "ALTER TABLE events ATTACH PARTITION events_2023 FOR VALUES FROM ('2023-01-01') TO ('2024-01-01')"
  end
end
