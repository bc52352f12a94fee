defmodule Shop.Repo.Migrations.IndexOrdersByForms do
  use Ecto.Migration

  def up do
    execute("""
    CREATE INDEX orders_open_placed_at_index
    ON orders (placed_at DESC)
    WHERE shipped_at IS NULL
    """)

    execute ~s(CREATE INDEX orders_region_index ON orders USING btree \(region\))
    execute ~S|CREATE INDEX orders_total_index ON orders (total)|

    execute ~s"""
    CREATE UNIQUE INDEX orders_name_index ON orders (name)
    """
  end

  def down do
    execute("""
    DROP INDEX orders_open_placed_at_index
    """)

    execute ~s(DROP INDEX orders_region_index)
    execute ~S|DROP INDEX orders_total_index|

    execute ~s"""
    DROP INDEX orders_name_index
    """
  end
end
