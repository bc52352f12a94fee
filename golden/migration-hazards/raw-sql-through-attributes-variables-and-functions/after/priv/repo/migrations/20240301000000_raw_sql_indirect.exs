defmodule Shop.Repo.Migrations.RawSqlIndirect do
  use Ecto.Migration

  @drop_legacy "ALTER TABLE orders DROP COLUMN legacy_total"

  def change do
    execute(@drop_legacy, "ALTER TABLE orders ADD COLUMN legacy_total integer")

    cluster = "CLUSTER orders USING orders_pkey"
    execute(cluster, "")

    execute(&fill_totals/0, &clear_totals/0)
  end

  defp fill_totals do
    repo().query!("UPDATE orders SET total = 0 WHERE total IS NULL")
  end

  defp clear_totals do
    repo().query!("DELETE FROM orders")
  end
end
