defmodule Shop.Repo.Migrations.AddGiftToOrdersGiftNotNull do
  use Ecto.Migration

  def change do
    create constraint(:orders, :orders_gift_not_null,
             check: ~s("gift" IS NOT NULL),
             validate: false
           )
  end
end
