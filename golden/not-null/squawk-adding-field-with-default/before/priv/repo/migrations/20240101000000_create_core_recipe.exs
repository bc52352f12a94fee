defmodule Cookbook.Repo.Migrations.CreateCoreRecipe do
  use Ecto.Migration

  def change do
    create table(:core_recipe) do
      add :name, :string
      add :foo, :integer
    end
  end
end
