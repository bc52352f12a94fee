defmodule Shop.Repo.Migrations.ValidateOrdersTotalNotNull do
  use Ecto.Migration

  def up do
    execute "ALTER TABLE orders VALIDATE CONSTRAINT orders_total_not_null"
    execute "ALTER TABLE orders ALTER COLUMN total SET NOT NULL"
    drop constraint(:orders, :orders_total_not_null)
  end

  def down do
    create constraint(:orders, :orders_total_not_null, check: "total IS NOT NULL", validate: false)
    execute "ALTER TABLE orders ALTER COLUMN total DROP NOT NULL"
  end
end
