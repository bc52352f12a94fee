defmodule Shop.Repo.Migrations.AddTotalCheck do
  use Ecto.Migration

  def up do
    execute ~s|ALTER TABLE "orders" ADD CONSTRAINT "total_positive" CHECK (total >= 0) NOT VALID;|
  end

  def down do
    execute ~s|ALTER TABLE "orders" DROP CONSTRAINT "total_positive"|
  end
end
