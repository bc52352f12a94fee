defmodule Shop.Repo.Migrations.AddCoupon do
  use Ecto.Migration

  def up do
    alter table(:orders) do
      add :coupon, :string
    end
  end

  def down do
    alter table(:orders) do
      remove :coupon
    end
  end
end
