defmodule Shop.Repo.Migrations.CreateOrders do
  use Ecto.Migration

  def change do
    create table(:customers) do
      add :name, :string
    end

    create table(:orders) do
      add :status, :string
      add :customer_id, references(:customers)

      timestamps()
    end
  end
end
