defmodule Shop.Repo.Migrations.CreateCouponsAndOrderTotals do
  use Ecto.Migration

  def up do
    create table(:coupons) do
      add :code, :string
    end

    execute "CREATE UNIQUE INDEX coupons_lower_code_index ON coupons (lower(code))"

    execute """
    CREATE MATERIALIZED VIEW order_totals AS
    SELECT customer_id, sum(total) AS total FROM orders GROUP BY customer_id
    """

    execute "CREATE UNIQUE INDEX ON order_totals (customer_id)"
  end

  def down do
    execute "DROP MATERIALIZED VIEW order_totals"
    drop table(:coupons)
  end
end
