defmodule Cookbook.Repo.Migrations.AddBarToCoreRecipeBarNotNull do
  use Ecto.Migration

  def change do
    create constraint(:core_recipe, :core_recipe_bar_not_null,
             check: ~s("bar" IS NOT NULL),
             validate: false
           )
  end
end
