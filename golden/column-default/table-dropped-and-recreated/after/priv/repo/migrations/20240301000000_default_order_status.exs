defmodule Shop.Repo.Migrations.DefaultOrderStatus do
  use Ecto.Migration

  def change do
    execute ~s(ALTER TABLE "orders" ALTER COLUMN "status" SET DEFAULT 'new'),
            ~s(ALTER TABLE "orders" ALTER COLUMN "status" DROP DEFAULT)
  end
end
