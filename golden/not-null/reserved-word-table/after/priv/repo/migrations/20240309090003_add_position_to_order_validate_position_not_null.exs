defmodule Shop.Repo.Migrations.AddPositionToOrderValidatePositionNotNull do
  use Ecto.Migration

  def up do
    execute ~s(ALTER TABLE "order" VALIDATE CONSTRAINT "order_position_not_null")
    execute ~s(ALTER TABLE "order" ALTER COLUMN "position" SET NOT NULL)
    drop constraint(:order, :order_position_not_null)
  end

  def down do
    create constraint(:order, :order_position_not_null,
             check: ~s("position" IS NOT NULL),
             validate: false
           )

    execute ~s(ALTER TABLE "order" ALTER COLUMN "position" DROP NOT NULL)
  end
end
