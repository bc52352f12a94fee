defmodule Shop.Repo.Migrations.AddOrganizationToOrdersValidateTotalBelowAMillion do
  use Ecto.Migration

  def change do
    execute ~s(ALTER TABLE "orders" VALIDATE CONSTRAINT "total_below_a_million"), ""
  end
end
