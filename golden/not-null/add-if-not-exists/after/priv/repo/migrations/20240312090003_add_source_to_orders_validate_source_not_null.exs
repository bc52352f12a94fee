defmodule Shop.Repo.Migrations.AddSourceToOrdersValidateSourceNotNull do
  use Ecto.Migration

  def up do
    execute ~s(ALTER TABLE "orders" VALIDATE CONSTRAINT "orders_source_not_null")
    execute ~s(ALTER TABLE "orders" ALTER COLUMN "source" SET NOT NULL)
    drop constraint(:orders, :orders_source_not_null)
  end

  def down do
    create constraint(:orders, :orders_source_not_null,
             check: ~s("source" IS NOT NULL),
             validate: false
           )

    execute ~s(ALTER TABLE "orders" ALTER COLUMN "source" DROP NOT NULL)
  end
end
