defmodule Cookbook.Repo.Migrations.AddBarToCoreRecipeValidateBarNotNull do
  use Ecto.Migration

  def up do
    execute ~s(ALTER TABLE "core_recipe" VALIDATE CONSTRAINT "core_recipe_bar_not_null")
    execute ~s(ALTER TABLE "core_recipe" ALTER COLUMN "bar" SET NOT NULL)
    drop constraint(:core_recipe, :core_recipe_bar_not_null)
  end

  def down do
    create constraint(:core_recipe, :core_recipe_bar_not_null,
             check: ~s("bar" IS NOT NULL),
             validate: false
           )

    execute ~s(ALTER TABLE "core_recipe" ALTER COLUMN "bar" DROP NOT NULL)
  end
end
