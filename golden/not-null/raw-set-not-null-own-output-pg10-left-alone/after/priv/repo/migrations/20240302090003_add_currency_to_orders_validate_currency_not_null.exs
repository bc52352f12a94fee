defmodule Shop.Repo.Migrations.AddCurrencyToOrdersValidateCurrencyNotNull do
  use Ecto.Migration

  def up do
    execute ~s(ALTER TABLE "orders" VALIDATE CONSTRAINT "orders_currency_not_null")
    execute ~s(ALTER TABLE "orders" ALTER COLUMN "currency" SET NOT NULL)
    drop constraint(:orders, :orders_currency_not_null)
  end

  def down do
    create constraint(:orders, :orders_currency_not_null,
             check: ~s("currency" IS NOT NULL),
             validate: false
           )

    execute ~s(ALTER TABLE "orders" ALTER COLUMN "currency" DROP NOT NULL)
  end
end
