defmodule Cookbook.Repo.Migrations.CoreRecipeFooNotNull do
  use Ecto.Migration

  def change do
    create constraint(:core_recipe, :core_recipe_foo_not_null,
             check: ~s("foo" IS NOT NULL),
             validate: false
           )
  end
end
