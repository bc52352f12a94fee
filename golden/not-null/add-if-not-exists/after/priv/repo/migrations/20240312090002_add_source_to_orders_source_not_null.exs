defmodule Shop.Repo.Migrations.AddSourceToOrdersSourceNotNull do
  use Ecto.Migration

  def change do
    create constraint(:orders, :orders_source_not_null,
             check: ~s("source" IS NOT NULL),
             validate: false
           )
  end
end
