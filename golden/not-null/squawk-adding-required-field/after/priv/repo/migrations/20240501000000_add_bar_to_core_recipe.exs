defmodule Cookbook.Repo.Migrations.AddBarToCoreRecipe do
  use Ecto.Migration

  def change do
    alter table(:core_recipe) do
      add :bar, :integer
    end
  end
end
