defmodule Shop.Repo.Migrations.AddAccountIdOrdersAccountIdNotNull do
  use Ecto.Migration

  def change do
    create constraint(:orders, :orders_account_id_not_null,
             check: ~s("account_id" IS NOT NULL),
             validate: false
           )
  end
end
