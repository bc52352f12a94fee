defmodule Shop.Repo.Migrations.RequireOrderStatusValidateStatusNotNull do
  use Ecto.Migration

  def up do
    execute ~s(ALTER TABLE "orders" VALIDATE CONSTRAINT "orders_status_not_null")
    execute ~s(ALTER TABLE "orders" ALTER COLUMN "status" SET NOT NULL)
    drop constraint(:orders, :orders_status_not_null)
  end

  def down do
    create constraint(:orders, :orders_status_not_null,
             check: ~s("status" IS NOT NULL),
             validate: false
           )

    execute ~s(ALTER TABLE "orders" ALTER COLUMN "status" DROP NOT NULL)
  end
end
