defmodule Shop.Repo.Migrations.AddCouponToOrders do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      add :coupon, :string
    end

    # Support looks orders up by coupon.
    execute "CREATE INDEX orders_coupon_index ON orders (coupon)", "DROP INDEX orders_coupon_index"
  end
end
