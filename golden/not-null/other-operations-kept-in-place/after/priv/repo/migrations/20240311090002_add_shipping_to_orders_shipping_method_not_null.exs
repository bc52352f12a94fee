defmodule Shop.Repo.Migrations.AddShippingToOrdersShippingMethodNotNull do
  use Ecto.Migration

  def change do
    create constraint(:orders, :orders_shipping_method_not_null,
             check: ~s("shipping_method" IS NOT NULL),
             validate: false
           )
  end
end
