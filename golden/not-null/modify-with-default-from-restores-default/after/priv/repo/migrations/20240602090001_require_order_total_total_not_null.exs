defmodule Shop.Repo.Migrations.RequireOrderTotalTotalNotNull do
  use Ecto.Migration

  def change do
    create constraint(:orders, :orders_total_not_null,
             check: ~s("total" IS NOT NULL),
             validate: false
           )
  end
end
