defmodule Shop.Repo.Migrations.RequireOrderStatusAndChannelValidateChannelNotNull do
  use Ecto.Migration

  def up do
    execute ~s(ALTER TABLE "orders" VALIDATE CONSTRAINT "orders_channel_not_null")
    execute ~s(ALTER TABLE "orders" ALTER COLUMN "channel" SET NOT NULL)
    drop constraint(:orders, :orders_channel_not_null)
  end

  def down do
    create constraint(:orders, :orders_channel_not_null,
             check: ~s("channel" IS NOT NULL),
             validate: false
           )

    execute ~s(ALTER TABLE "orders" ALTER COLUMN "channel" DROP NOT NULL)
  end
end
