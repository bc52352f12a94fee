defmodule Shop.Repo.Migrations.ValidateOrdersConstraints do
  use Ecto.Migration

  def change do
    execute "ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey", ""
    execute ~s(ALTER TABLE "orders" VALIDATE CONSTRAINT "total_positive"), ""
  end
end
