defmodule Shop.Repo.Migrations.IndexOrders do
  use Ecto.Migration

  def change do
    create index(:orders, [:status, :total, :note, :amount])
    create unique_index(:orders, [:status, :total, :note, :amount])
    create index(:orders, [:status, :total, :amount, :note], unique: true, name: :orders_u)
    create index(:orders, [:status, :total, :note])
  end
end
