defmodule Shop.Repo.Migrations.RequireOrderStatusAndChannel do
  use Ecto.Migration

  def up do
    execute "update orders set channel = 'web' where channel is null"

    create constraint(:orders, :orders_status_not_null,
             check: ~s("status" IS NOT NULL),
             validate: false
           )

    create constraint(:orders, :orders_channel_not_null,
             check: ~s("channel" IS NOT NULL),
             validate: false
           )
  end

  def down do
    drop constraint(:orders, :orders_channel_not_null)
    drop constraint(:orders, :orders_status_not_null)
  end
end
