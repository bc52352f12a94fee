defmodule Shop.Repo.Migrations.CreateCoupons do
  use Ecto.Migration

  def up do
    create table(:coupons) do
      add :code, :string
    end
  end

  def down do
    drop table(:coupons)
  end
end
