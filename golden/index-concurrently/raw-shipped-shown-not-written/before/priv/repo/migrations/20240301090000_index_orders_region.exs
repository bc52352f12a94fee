defmodule Shop.Repo.Migrations.IndexOrdersRegion do
  use Ecto.Migration

  def up do
    execute "CREATE INDEX orders_region_index ON orders (region)"
  end

  def down do
    execute "DROP INDEX orders_region_index"
  end
end
