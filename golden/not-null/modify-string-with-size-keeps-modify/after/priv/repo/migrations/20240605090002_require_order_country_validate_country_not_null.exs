defmodule Shop.Repo.Migrations.RequireOrderCountryValidateCountryNotNull do
  use Ecto.Migration

  def up do
    execute ~s(ALTER TABLE "orders" VALIDATE CONSTRAINT "orders_country_not_null")
    execute ~s(ALTER TABLE "orders" ALTER COLUMN "country" SET NOT NULL)
    drop constraint(:orders, :orders_country_not_null)
  end

  def down do
    create constraint(:orders, :orders_country_not_null,
             check: ~s("country" IS NOT NULL),
             validate: false
           )

    execute ~s(ALTER TABLE "orders" ALTER COLUMN "country" DROP NOT NULL)
  end
end
