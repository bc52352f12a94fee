defmodule Shop.Repo.Migrations.DropOrders do
  use Ecto.Migration

  def change do
    drop index(:orders, [:status])
    drop table(:orders)
    drop_if_exists table(:old_carts)
  end
end
