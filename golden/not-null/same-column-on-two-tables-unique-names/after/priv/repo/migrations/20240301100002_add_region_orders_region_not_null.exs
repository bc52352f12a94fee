defmodule Shop.Repo.Migrations.AddRegionOrdersRegionNotNull do
  use Ecto.Migration

  def change do
    create constraint(:orders, :orders_region_not_null,
             check: ~s("region" IS NOT NULL),
             validate: false
           )
  end
end
