defmodule Shop.Repo.Migrations.AddOrganizationToOrdersValidateOrdersOrganizationIdFkey do
  use Ecto.Migration

  def change do
    execute ~s(ALTER TABLE "orders" VALIDATE CONSTRAINT "orders_organization_id_fkey"), ""
  end
end
