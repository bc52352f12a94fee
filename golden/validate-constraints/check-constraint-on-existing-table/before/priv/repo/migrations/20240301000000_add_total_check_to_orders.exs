defmodule Shop.Repo.Migrations.AddTotalCheckToOrders do
  use Ecto.Migration

  def change do
    create constraint(:orders, :total_must_be_positive, check: "total >= 0")
  end
end
