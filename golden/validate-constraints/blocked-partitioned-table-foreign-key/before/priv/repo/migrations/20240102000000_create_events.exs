defmodule Shop.Repo.Migrations.CreateEvents do
  use Ecto.Migration

  def change do
    create table(:events, primary_key: false, options: "PARTITION BY RANGE (inserted_at)") do
      add :name, :string
      add :inserted_at, :utc_datetime, null: false
    end
  end
end
