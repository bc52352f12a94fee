defmodule Shop.Repo.Migrations.RequireOrderCustomerCustomerIdNotNull do
  use Ecto.Migration

  def change do
    create constraint(:orders, :orders_customer_id_not_null,
             check: ~s("customer_id" IS NOT NULL),
             validate: false
           )
  end
end
