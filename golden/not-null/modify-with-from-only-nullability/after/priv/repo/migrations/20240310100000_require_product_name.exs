defmodule Shop.Repo.Migrations.RequireProductName do
  use Ecto.Migration

  def change do
    create constraint(:products, :products_name_not_null,
             check: ~s("name" IS NOT NULL),
             validate: false
           )
  end
end
