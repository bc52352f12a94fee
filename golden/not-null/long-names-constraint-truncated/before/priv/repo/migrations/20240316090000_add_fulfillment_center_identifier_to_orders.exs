defmodule Shop.Repo.Migrations.AddFulfillmentCenterIdentifierToOrders do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      add :fulfillment_center_external_identifier_for_routing, :string, null: false
    end
  end
end
