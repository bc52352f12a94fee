defmodule Shop.Repo.Migrations.AddUserToOrdersValidateTotalPositive do
  use Ecto.Migration

  def change do
    execute ~s(ALTER TABLE "orders" VALIDATE CONSTRAINT "total_positive"), ""
  end
end
