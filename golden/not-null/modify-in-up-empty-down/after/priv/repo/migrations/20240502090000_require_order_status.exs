defmodule Shop.Repo.Migrations.RequireOrderStatus do
  use Ecto.Migration

  def up do
    create constraint(:orders, :orders_status_not_null,
             check: ~s("status" IS NOT NULL),
             validate: false
           )
  end

  def down do
    drop constraint(:orders, :orders_status_not_null)
  end
end
