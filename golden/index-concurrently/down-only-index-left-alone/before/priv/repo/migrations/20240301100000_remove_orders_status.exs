defmodule Shop.Repo.Migrations.RemoveOrdersStatus do
  use Ecto.Migration

  def up do
    alter table(:orders) do
      remove :status
    end
  end

  def down do
    alter table(:orders) do
      add :status, :string
    end

    create index(:orders, [:status])
  end
end
