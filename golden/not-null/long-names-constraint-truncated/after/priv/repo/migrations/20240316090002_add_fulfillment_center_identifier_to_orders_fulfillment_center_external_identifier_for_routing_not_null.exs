defmodule Shop.Repo.Migrations.AddFulfillmentCenterIdentifierToOrdersFulfillmentCenterExternalIdentifierForRoutingNotNull do
  use Ecto.Migration

  def change do
    create constraint(:orders, :orders_fulfillment_center_external_identifier_for_rout_6db25813,
             check: ~s("fulfillment_center_external_identifier_for_routing" IS NOT NULL),
             validate: false
           )
  end
end
