defmodule Shop.Repo.Migrations.CreateMeasurements do
  use Ecto.Migration

  def up do
    execute """
    CREATE TABLE measurements (
      region text NOT NULL,
      taken_at timestamp NOT NULL,
      value numeric
    ) PARTITION BY LIST (region)
    """

    execute "CREATE TABLE measurements_other PARTITION OF measurements DEFAULT"
  end

  def down do
    execute "DROP TABLE measurements"
  end
end
