defmodule Shop.Repo.Migrations.AddTotalCheckValidateTotalPositive do
  use Ecto.Migration

  def change do
    execute ~s(ALTER TABLE "orders" VALIDATE CONSTRAINT "total_positive"), ""
  end
end
