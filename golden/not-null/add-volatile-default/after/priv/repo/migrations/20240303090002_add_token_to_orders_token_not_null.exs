defmodule Shop.Repo.Migrations.AddTokenToOrdersTokenNotNull do
  use Ecto.Migration

  def change do
    create constraint(:orders, :orders_token_not_null,
             check: ~s("token" IS NOT NULL),
             validate: false
           )
  end
end
