defmodule Shop.Repo.Migrations.AddTotalCheckToOrdersValidateTotalMustBePositive do
  use Ecto.Migration

  def change do
    execute ~s(ALTER TABLE "orders" VALIDATE CONSTRAINT "total_must_be_positive"), ""
  end
end
