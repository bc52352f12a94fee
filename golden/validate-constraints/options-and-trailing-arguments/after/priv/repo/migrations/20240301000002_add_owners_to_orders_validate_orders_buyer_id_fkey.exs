defmodule Shop.Repo.Migrations.AddOwnersToOrdersValidateOrdersBuyerIdFkey do
  use Ecto.Migration

  def change do
    execute ~s(ALTER TABLE "orders" VALIDATE CONSTRAINT "orders_buyer_id_fkey"), ""
  end
end
