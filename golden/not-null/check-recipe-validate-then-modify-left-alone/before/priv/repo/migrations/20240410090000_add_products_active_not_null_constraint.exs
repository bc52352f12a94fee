defmodule Shop.Repo.Migrations.AddProductsActiveNotNullConstraint do
  use Ecto.Migration

  def change do
    create constraint(:products, :active_not_null, check: "active IS NOT NULL", validate: false)
  end
end
