defmodule Shop.Repo.Migrations.AddOrganizationToOrdersValidateOrdersBillingOrganizationIdFkey do
  use Ecto.Migration

  def change do
    execute ~s(ALTER TABLE "orders" VALIDATE CONSTRAINT "orders_billing_organization_id_fkey"), ""
  end
end
