defmodule Shop.Repo.Migrations.CreateEvents do
  use Ecto.Migration

  def change do
    create table(:events, primary_key: false, options: "PARTITION BY RANGE (inserted_at)") do
      add :kind, :string
      timestamps()
    end

    execute "CREATE TABLE events_default PARTITION OF events DEFAULT", "DROP TABLE events_default"
  end
end
