defmodule Shop.Repo.Migrations.IndexOrdersPlacedAtAndRegion do
  use Ecto.Migration

  def change do
    execute "CREATE INDEX orders_region_ix ON orders (region)", "DROP INDEX orders_region_ix"
    # Reports sort by placing time.
    execute("CREATE INDEX orders_placed_ix ON orders (placed_at)", "DROP INDEX orders_placed_ix")
  end
end
