defmodule Shop.Repo.Migrations.MakeOrdersStatusIndexUnique do
  use Ecto.Migration

  def up do
    execute "DROP INDEX orders_status_index"
    execute "CREATE UNIQUE INDEX orders_status_index ON orders (status)"
  end

  def down do
    execute "DROP INDEX orders_status_index"
    execute "CREATE INDEX orders_status_index ON orders (status)"
  end
end
