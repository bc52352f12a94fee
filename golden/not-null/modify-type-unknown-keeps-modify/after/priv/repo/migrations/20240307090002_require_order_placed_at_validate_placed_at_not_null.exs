defmodule Shop.Repo.Migrations.RequireOrderPlacedAtValidatePlacedAtNotNull do
  use Ecto.Migration

  def up do
    execute ~s(ALTER TABLE "orders" VALIDATE CONSTRAINT "orders_placed_at_not_null")
    execute ~s(ALTER TABLE "orders" ALTER COLUMN "placed_at" SET NOT NULL)
    drop constraint(:orders, :orders_placed_at_not_null)
  end

  def down do
    create constraint(:orders, :orders_placed_at_not_null,
             check: ~s("placed_at" IS NOT NULL),
             validate: false
           )

    execute ~s(ALTER TABLE "orders" ALTER COLUMN "placed_at" DROP NOT NULL)
  end
end
