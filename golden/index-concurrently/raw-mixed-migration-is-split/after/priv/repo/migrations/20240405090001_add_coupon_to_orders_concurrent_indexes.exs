defmodule Shop.Repo.Migrations.AddCouponToOrdersConcurrentIndexes do
  use Ecto.Migration

  @disable_ddl_transaction true
  @disable_migration_lock true

  def change do
    # Support looks orders up by coupon.
    execute "CREATE INDEX CONCURRENTLY orders_coupon_index ON orders (coupon)",
            "DROP INDEX CONCURRENTLY orders_coupon_index"
  end
end
