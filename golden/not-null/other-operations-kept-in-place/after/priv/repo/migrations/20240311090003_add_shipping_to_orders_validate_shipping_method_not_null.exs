defmodule Shop.Repo.Migrations.AddShippingToOrdersValidateShippingMethodNotNull do
  use Ecto.Migration

  def up do
    execute ~s(ALTER TABLE "orders" VALIDATE CONSTRAINT "orders_shipping_method_not_null")
    execute ~s(ALTER TABLE "orders" ALTER COLUMN "shipping_method" SET NOT NULL)
    drop constraint(:orders, :orders_shipping_method_not_null)
  end

  def down do
    create constraint(:orders, :orders_shipping_method_not_null,
             check: ~s("shipping_method" IS NOT NULL),
             validate: false
           )

    execute ~s(ALTER TABLE "orders" ALTER COLUMN "shipping_method" DROP NOT NULL)
  end
end
