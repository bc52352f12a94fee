defmodule Shop.Repo.Migrations.RequireOrderFields do
  use Ecto.Migration

  def change do
    create constraint(:orders, :orders_status_not_null,
             check: ~s("status" IS NOT NULL),
             validate: false
           )

    create constraint(:orders, :orders_total_not_null,
             check: ~s("total" IS NOT NULL),
             validate: false
           )
  end
end
