defmodule Shop.Repo.Migrations.IndexOrdersRegion do
  use Ecto.Migration

  def change do
    # excellent_migrations:safety-assured-for-next-line index_not_concurrently
    execute "CREATE INDEX orders_region_index ON orders (region)", "DROP INDEX orders_region_index"
  end
end
