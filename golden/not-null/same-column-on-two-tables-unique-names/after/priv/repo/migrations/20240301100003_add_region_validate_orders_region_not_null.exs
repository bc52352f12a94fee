defmodule Shop.Repo.Migrations.AddRegionValidateOrdersRegionNotNull do
  use Ecto.Migration

  def up do
    execute ~s(ALTER TABLE "orders" VALIDATE CONSTRAINT "orders_region_not_null")
    execute ~s(ALTER TABLE "orders" ALTER COLUMN "region" SET NOT NULL)
    drop constraint(:orders, :orders_region_not_null)
  end

  def down do
    create constraint(:orders, :orders_region_not_null,
             check: ~s("region" IS NOT NULL),
             validate: false
           )

    execute ~s(ALTER TABLE "orders" ALTER COLUMN "region" DROP NOT NULL)
  end
end
