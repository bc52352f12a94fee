defmodule Shop.Repo.Migrations.AddQuantityToOrders do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      add :quantity, :integer, null: false
    end

    create constraint(:orders, :quantity_positive, check: "quantity > 0")
  end
end
