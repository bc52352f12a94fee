defmodule Shop.Repo.Migrations.AddChannelToOrdersChannelNotNull do
  use Ecto.Migration

  def change do
    create constraint(:orders, :orders_channel_not_null,
             check: ~s("channel" IS NOT NULL),
             validate: false
           )
  end
end
