defmodule Shop.Repo.Migrations.CascadeOrderUsersValidateOrdersUserIdFkey do
  use Ecto.Migration

  def change do
    execute ~s(ALTER TABLE "orders" VALIDATE CONSTRAINT "orders_user_id_fkey"), ""
  end
end
