defmodule Shop.Repo.Migrations.DefaultCouponCode do
  use Ecto.Migration

  def change do
    alter table(:coupons) do
      modify :code, :string, default: "NONE"
    end
  end
end
