defmodule Shop.Repo.Migrations.RequireOrderMetaMetaNotNull do
  use Ecto.Migration

  def change do
    create constraint(:orders, :orders_meta_not_null,
             check: ~s("meta" IS NOT NULL),
             validate: false
           )
  end
end
