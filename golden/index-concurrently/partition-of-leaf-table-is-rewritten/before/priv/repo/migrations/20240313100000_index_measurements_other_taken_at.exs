defmodule Shop.Repo.Migrations.IndexMeasurementsOtherTakenAt do
  use Ecto.Migration

  def change do
    create index(:measurements_other, [:taken_at])
  end
end
