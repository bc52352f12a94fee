defmodule Shop.Repo.Migrations.RequireOrderTotal do
  use Ecto.Migration

  def up do
    create constraint(:orders, :orders_total_not_null,
             check: ~s("total" IS NOT NULL),
             validate: false
           )
  end

  def down do
    drop constraint(:orders, :orders_total_not_null)
  end
end
