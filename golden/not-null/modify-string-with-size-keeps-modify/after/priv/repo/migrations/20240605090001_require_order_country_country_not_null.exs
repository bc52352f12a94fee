defmodule Shop.Repo.Migrations.RequireOrderCountryCountryNotNull do
  use Ecto.Migration

  def change do
    create constraint(:orders, :orders_country_not_null,
             check: ~s("country" IS NOT NULL),
             validate: false
           )
  end
end
