defmodule Shop.Repo.Migrations.RawSql do
  use Ecto.Migration

  def up do
    execute "CREATE EXTENSION IF NOT EXISTS citext"
    execute "CREATE INDEX CONCURRENTLY orders_note_index ON orders (note)"
    execute "DROP INDEX CONCURRENTLY IF EXISTS orders_old_index"
    execute ~s[ALTER TABLE "orders" ADD CONSTRAINT "total_positive" CHECK (total > 0) NOT VALID]
    execute ~s(ALTER TABLE "orders" VALIDATE CONSTRAINT "total_positive")
    execute "ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'new'"
    execute "ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_old_check"
    execute "COMMENT ON COLUMN orders.note IS 'free text'"
    execute "CREATE TYPE order_kind AS ENUM ('a', 'b')"

    execute """
    CREATE OR REPLACE FUNCTION touch() RETURNS trigger AS $$
    BEGIN
      UPDATE orders SET updated_at = now() WHERE id = NEW.id;
      RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;
    """

    execute "CREATE INDEX orders_total_index ON orders (total)"
    execute "ALTER TABLE orders ALTER COLUMN status SET NOT NULL"
    execute "ALTER TABLE orders ADD CONSTRAINT orders_customer_fkey FOREIGN KEY (customer_id) REFERENCES customers (id)"
    execute "CLUSTER orders USING orders_pkey"
    execute "ALTER TABLE orders SET UNLOGGED; ANALYZE orders"
    execute "ALTER TABLE orders ALTER COLUMN note TYPE #{note_type()}"
    execute sql_from_file()
  end

  def down do
    execute "DROP TABLE orders CASCADE"
  end

  defp note_type, do: "text"
  defp sql_from_file, do: File.read!("priv/repo/touch.sql")
end
