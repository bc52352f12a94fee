defmodule Shop.Repo.Migrations.AddCurrencyToOrdersCurrencyNotNull do
  use Ecto.Migration

  def change do
    create constraint(:orders, :orders_currency_not_null,
             check: ~s("currency" IS NOT NULL),
             validate: false
           )
  end
end
