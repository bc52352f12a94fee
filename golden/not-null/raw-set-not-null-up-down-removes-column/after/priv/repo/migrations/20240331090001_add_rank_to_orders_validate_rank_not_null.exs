defmodule Shop.Repo.Migrations.AddRankToOrdersValidateRankNotNull do
  use Ecto.Migration

  def up do
    execute ~s(ALTER TABLE "orders" VALIDATE CONSTRAINT "orders_rank_not_null")
    execute ~s(ALTER TABLE "orders" ALTER COLUMN "rank" SET NOT NULL)
    drop constraint(:orders, :orders_rank_not_null)
  end

  def down do
    create constraint(:orders, :orders_rank_not_null,
             check: ~s("rank" IS NOT NULL),
             validate: false
           )

    execute ~s(ALTER TABLE "orders" ALTER COLUMN "rank" DROP NOT NULL)
  end
end
