defmodule Shop.Repo.Migrations.AddGiftToOrdersValidateGiftNotNull do
  use Ecto.Migration

  def up do
    execute ~s(ALTER TABLE "orders" VALIDATE CONSTRAINT "orders_gift_not_null")
    execute ~s(ALTER TABLE "orders" ALTER COLUMN "gift" SET NOT NULL)
    drop constraint(:orders, :orders_gift_not_null)
  end

  def down do
    create constraint(:orders, :orders_gift_not_null,
             check: ~s("gift" IS NOT NULL),
             validate: false
           )

    execute ~s(ALTER TABLE "orders" ALTER COLUMN "gift" DROP NOT NULL)
  end
end
