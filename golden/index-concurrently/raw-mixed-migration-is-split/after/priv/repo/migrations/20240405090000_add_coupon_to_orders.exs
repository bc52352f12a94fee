defmodule Shop.Repo.Migrations.AddCouponToOrders do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      add :coupon, :string
    end
  end
end
