defmodule Cookbook.Repo.Migrations.CoreRecipeFooNotNull do
  use Ecto.Migration

  def change do
    execute ~s(ALTER TABLE "core_recipe" ALTER COLUMN "foo" SET NOT NULL;),
            ~s(ALTER TABLE "core_recipe" ALTER COLUMN "foo" DROP NOT NULL;)
  end
end
