defmodule Shop.Repo.Migrations.RequireOrderFieldsOrdersColumnsNotNull do
  use Ecto.Migration

  def change do
    create constraint(:orders, :orders_status_not_null,
             check: ~s("status" IS NOT NULL),
             validate: false
           )

    create constraint(:orders, :orders_channel_not_null,
             check: ~s("channel" IS NOT NULL),
             validate: false
           )
  end
end
