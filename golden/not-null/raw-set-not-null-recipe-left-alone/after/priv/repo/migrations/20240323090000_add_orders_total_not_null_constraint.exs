defmodule Shop.Repo.Migrations.AddOrdersTotalNotNullConstraint do
  use Ecto.Migration

  def change do
    create constraint(:orders, :orders_total_not_null, check: "total IS NOT NULL", validate: false)
  end
end
