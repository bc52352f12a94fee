defmodule Shop.Repo.Migrations.CreateShipments do
  use Ecto.Migration

  def change do
    create table(:shipments) do
      add :order_id, references(:orders, on_delete: :delete_all)
      add :carrier, :string

      timestamps()
    end

    create index(:shipments, [:order_id])
  end
end
