defmodule Shop.Repo.Migrations.RequireOrderMetaValidateMetaNotNull do
  use Ecto.Migration

  def up do
    execute ~s(ALTER TABLE "orders" VALIDATE CONSTRAINT "orders_meta_not_null")
    execute ~s(ALTER TABLE "orders" ALTER COLUMN "meta" SET NOT NULL)
    drop constraint(:orders, :orders_meta_not_null)
  end

  def down do
    create constraint(:orders, :orders_meta_not_null,
             check: ~s("meta" IS NOT NULL),
             validate: false
           )

    execute ~s(ALTER TABLE "orders" ALTER COLUMN "meta" DROP NOT NULL)
  end
end
