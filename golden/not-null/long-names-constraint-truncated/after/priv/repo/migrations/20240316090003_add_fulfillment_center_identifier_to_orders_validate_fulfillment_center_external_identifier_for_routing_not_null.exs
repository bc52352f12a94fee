defmodule Shop.Repo.Migrations.AddFulfillmentCenterIdentifierToOrdersValidateFulfillmentCenterExternalIdentifierForRoutingNotNull do
  use Ecto.Migration

  def up do
    execute ~s(ALTER TABLE "orders" VALIDATE CONSTRAINT "orders_fulfillment_center_external_identifier_for_rout_6db25813")

    execute ~s(ALTER TABLE "orders" ALTER COLUMN "fulfillment_center_external_identifier_for_routing" SET NOT NULL)

    drop constraint(:orders, :orders_fulfillment_center_external_identifier_for_rout_6db25813)
  end

  def down do
    create constraint(:orders, :orders_fulfillment_center_external_identifier_for_rout_6db25813,
             check: ~s("fulfillment_center_external_identifier_for_routing" IS NOT NULL),
             validate: false
           )

    execute ~s(ALTER TABLE "orders" ALTER COLUMN "fulfillment_center_external_identifier_for_routing" DROP NOT NULL)
  end
end
