defmodule Shop.Repo.Migrations.RequireOrderStatus do
  use Ecto.Migration

  def change do
    create constraint(:orders, :orders_status_not_null,
             check: ~s("status" IS NOT NULL),
             validate: false
           )

    execute ~s(ALTER TABLE "orders" ALTER COLUMN "status" SET DEFAULT 'placed')
  end
end
