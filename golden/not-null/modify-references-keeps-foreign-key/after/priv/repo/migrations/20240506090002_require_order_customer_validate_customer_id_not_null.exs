defmodule Shop.Repo.Migrations.RequireOrderCustomerValidateCustomerIdNotNull do
  use Ecto.Migration

  def up do
    execute ~s(ALTER TABLE "orders" VALIDATE CONSTRAINT "orders_customer_id_not_null")
    execute ~s(ALTER TABLE "orders" ALTER COLUMN "customer_id" SET NOT NULL)
    drop constraint(:orders, :orders_customer_id_not_null)
  end

  def down do
    create constraint(:orders, :orders_customer_id_not_null,
             check: ~s("customer_id" IS NOT NULL),
             validate: false
           )

    execute ~s(ALTER TABLE "orders" ALTER COLUMN "customer_id" DROP NOT NULL)
  end
end
