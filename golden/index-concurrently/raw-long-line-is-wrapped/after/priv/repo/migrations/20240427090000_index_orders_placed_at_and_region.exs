defmodule Shop.Repo.Migrations.IndexOrdersPlacedAtAndRegion do
  use Ecto.Migration

  @disable_ddl_transaction true
  @disable_migration_lock true

  def change do
    execute "CREATE INDEX CONCURRENTLY orders_region_ix ON orders (region)",
            "DROP INDEX CONCURRENTLY orders_region_ix"

    # Reports sort by placing time.
    execute(
      "CREATE INDEX CONCURRENTLY orders_placed_ix ON orders (placed_at)",
      "DROP INDEX CONCURRENTLY orders_placed_ix"
    )
  end
end
