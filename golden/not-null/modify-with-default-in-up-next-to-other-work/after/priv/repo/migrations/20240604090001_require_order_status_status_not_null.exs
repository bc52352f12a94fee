defmodule Shop.Repo.Migrations.RequireOrderStatusStatusNotNull do
  use Ecto.Migration

  def change do
    create constraint(:orders, :orders_status_not_null,
             check: ~s("status" IS NOT NULL),
             validate: false
           )
  end
end
