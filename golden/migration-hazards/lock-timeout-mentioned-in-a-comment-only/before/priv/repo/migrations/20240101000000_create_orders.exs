defmodule Shop.Repo.Migrations.CreateOrders do
  use Ecto.Migration

  def change do
    create table(:orders) do
      add :status, :string
      add :total, :integer
      add :legacy_total, :integer
      add :note, :string, size: 100
      add :amount, :decimal, precision: 8, scale: 2

      timestamps()
    end
  end
end
