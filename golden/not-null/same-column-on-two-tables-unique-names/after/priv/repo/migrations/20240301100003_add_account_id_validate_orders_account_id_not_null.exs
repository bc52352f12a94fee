defmodule Shop.Repo.Migrations.AddAccountIdValidateOrdersAccountIdNotNull do
  use Ecto.Migration

  def up do
    execute ~s(ALTER TABLE "orders" VALIDATE CONSTRAINT "orders_account_id_not_null")
    execute ~s(ALTER TABLE "orders" ALTER COLUMN "account_id" SET NOT NULL)
    drop constraint(:orders, :orders_account_id_not_null)
  end

  def down do
    create constraint(:orders, :orders_account_id_not_null,
             check: ~s("account_id" IS NOT NULL),
             validate: false
           )

    execute ~s(ALTER TABLE "orders" ALTER COLUMN "account_id" DROP NOT NULL)
  end
end
