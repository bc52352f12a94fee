defmodule Shop.Repo.Migrations.DropOrdersOldIndexes do
  use Ecto.Migration

  def up do
    execute "DROP INDEX orders_status_index, orders_region_index"
  end

  def down do
    execute "CREATE INDEX orders_status_index ON orders (status)"
    execute "CREATE INDEX orders_region_index ON orders (region)"
  end
end
