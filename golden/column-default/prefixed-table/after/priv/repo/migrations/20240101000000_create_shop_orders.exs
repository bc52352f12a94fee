defmodule Shop.Repo.Migrations.CreateShopOrders do
  use Ecto.Migration

  def change do
    execute "CREATE SCHEMA shop", "DROP SCHEMA shop"

    create table(:orders, prefix: "shop") do
      add :status, :string
    end
  end
end
