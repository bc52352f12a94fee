defmodule Shop.Repo.Migrations.IndexMeasurementsTakenAt do
  use Ecto.Migration

  def change do
    create index(:measurements, [:region, :taken_at])
  end
end
