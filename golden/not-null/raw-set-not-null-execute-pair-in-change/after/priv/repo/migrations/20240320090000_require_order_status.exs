defmodule Shop.Repo.Migrations.RequireOrderStatus do
  use Ecto.Migration

  def change do
    execute "UPDATE orders SET status = 'placed' WHERE status IS NULL", ""

    create constraint(:orders, :orders_status_not_null,
             check: ~s("status" IS NOT NULL),
             validate: false
           )
  end
end
