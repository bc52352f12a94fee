defmodule Shop.Repo.Migrations.IndexOrdersStatusAndRegion do
  use Ecto.Migration

  def up do
    execute "CREATE INDEX orders_status_index ON orders (status); CREATE INDEX orders_region_index ON orders (region)"
  end

  def down do
    execute "DROP INDEX orders_status_index"
    execute "DROP INDEX orders_region_index"
  end
end
