defmodule Shop.Repo.Migrations.AddPayloads do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      add :payload, :json
      add :meta, :map
      add :extra, :jsonb
    end

    create table(:events) do
      add :body, :json
    end
  end
end
