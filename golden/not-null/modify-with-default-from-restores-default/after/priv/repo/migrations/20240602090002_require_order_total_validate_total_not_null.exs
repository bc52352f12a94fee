defmodule Shop.Repo.Migrations.RequireOrderTotalValidateTotalNotNull do
  use Ecto.Migration

  def up do
    execute ~s(ALTER TABLE "orders" VALIDATE CONSTRAINT "orders_total_not_null")
    execute ~s(ALTER TABLE "orders" ALTER COLUMN "total" SET NOT NULL)
    drop constraint(:orders, :orders_total_not_null)
  end

  def down do
    create constraint(:orders, :orders_total_not_null,
             check: ~s("total" IS NOT NULL),
             validate: false
           )

    execute ~s(ALTER TABLE "orders" ALTER COLUMN "total" DROP NOT NULL)
  end
end
