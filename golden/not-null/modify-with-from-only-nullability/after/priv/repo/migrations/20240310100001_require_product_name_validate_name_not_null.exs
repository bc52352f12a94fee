defmodule Shop.Repo.Migrations.RequireProductNameValidateNameNotNull do
  use Ecto.Migration

  def up do
    execute ~s(ALTER TABLE "products" VALIDATE CONSTRAINT "products_name_not_null")
    execute ~s(ALTER TABLE "products" ALTER COLUMN "name" SET NOT NULL)
    drop constraint(:products, :products_name_not_null)
  end

  def down do
    create constraint(:products, :products_name_not_null,
             check: ~s("name" IS NOT NULL),
             validate: false
           )

    execute ~s(ALTER TABLE "products" ALTER COLUMN "name" DROP NOT NULL)
  end
end
