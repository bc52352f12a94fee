defmodule Shop.Repo.Migrations.CreateRefunds do
  use Ecto.Migration

  def change do
    create table(:refunds) do
      add :amount, :integer
    end

    execute "ALTER TABLE refunds ALTER COLUMN amount SET NOT NULL", ""
  end
end
