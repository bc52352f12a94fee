defmodule Shop.Repo.Migrations.AddOwnersToOrdersValidateOrdersShopIdFkey do
  use Ecto.Migration

  def change do
    execute ~s(ALTER TABLE "orders" VALIDATE CONSTRAINT "orders_shop_id_fkey"), ""
  end
end
