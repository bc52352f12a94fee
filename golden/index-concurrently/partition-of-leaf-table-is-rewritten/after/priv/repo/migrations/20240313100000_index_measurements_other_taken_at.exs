defmodule Shop.Repo.Migrations.IndexMeasurementsOtherTakenAt do
  use Ecto.Migration

  @disable_ddl_transaction true
  @disable_migration_lock true

  def change do
    create index(:measurements_other, [:taken_at], concurrently: true)
  end
end
