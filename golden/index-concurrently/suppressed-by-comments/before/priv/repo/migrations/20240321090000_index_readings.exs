defmodule Shop.Repo.Migrations.IndexReadings do
  use Ecto.Migration

  def change do
    # The readings table is a hypertable: no concurrent index builds.
    # excellent_migrations:safety-assured-for-next-line index_not_concurrently
    create index(:readings, [:device_id])
    # mir-fix: ignore index-concurrently
    create index(:readings, [:taken_at])
  end
end
