defmodule Cookbook.Repo.Migrations.CoreRecipeFooNotNullValidateFooNotNull do
  use Ecto.Migration

  def up do
    execute ~s(ALTER TABLE "core_recipe" VALIDATE CONSTRAINT "core_recipe_foo_not_null")
    execute ~s(ALTER TABLE "core_recipe" ALTER COLUMN "foo" SET NOT NULL)
    drop constraint(:core_recipe, :core_recipe_foo_not_null)
  end

  def down do
    create constraint(:core_recipe, :core_recipe_foo_not_null,
             check: ~s("foo" IS NOT NULL),
             validate: false
           )

    execute ~s(ALTER TABLE "core_recipe" ALTER COLUMN "foo" DROP NOT NULL)
  end
end
