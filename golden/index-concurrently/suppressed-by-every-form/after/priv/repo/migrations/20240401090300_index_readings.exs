defmodule Shop.Repo.Migrations.IndexReadings do
  use Ecto.Migration

  def change do
    # excellent_migrations:safety-assured-for-next-line raw_sql_executed
    # The readings table is a hypertable: no concurrent index builds.
    # excellent_migrations : safety-assured-for-next-line index-not-concurrently
    create index(:readings, [:taken_at])

    # mir-fix: ignore index-concurrently
    alter table(:readings) do
      add :note, :text
    end
  end
end
