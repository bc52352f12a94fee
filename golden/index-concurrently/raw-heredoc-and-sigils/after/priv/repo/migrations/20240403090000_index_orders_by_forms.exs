defmodule Shop.Repo.Migrations.IndexOrdersByForms do
  use Ecto.Migration

  @disable_ddl_transaction true
  @disable_migration_lock true

  def up do
    execute("""
    CREATE INDEX CONCURRENTLY orders_open_placed_at_index
    ON orders (placed_at DESC)
    WHERE shipped_at IS NULL
    """)

    execute ~s(CREATE INDEX CONCURRENTLY orders_region_index ON orders USING btree \(region\))
    execute ~S|CREATE INDEX CONCURRENTLY orders_total_index ON orders (total)|

    execute ~s"""
    CREATE UNIQUE INDEX CONCURRENTLY orders_name_index ON orders (name)
    """
  end

  def down do
    execute("""
    DROP INDEX CONCURRENTLY orders_open_placed_at_index
    """)

    execute ~s(DROP INDEX CONCURRENTLY orders_region_index)
    execute ~S|DROP INDEX CONCURRENTLY orders_total_index|

    execute ~s"""
    DROP INDEX CONCURRENTLY orders_name_index
    """
  end
end
