defmodule Shop.Repo.Migrations.AddTokenToOrdersValidateTokenNotNull do
  use Ecto.Migration

  def up do
    execute ~s(ALTER TABLE "orders" VALIDATE CONSTRAINT "orders_token_not_null")
    execute ~s(ALTER TABLE "orders" ALTER COLUMN "token" SET NOT NULL)
    drop constraint(:orders, :orders_token_not_null)
  end

  def down do
    create constraint(:orders, :orders_token_not_null,
             check: ~s("token" IS NOT NULL),
             validate: false
           )

    execute ~s(ALTER TABLE "orders" ALTER COLUMN "token" DROP NOT NULL)
  end
end
