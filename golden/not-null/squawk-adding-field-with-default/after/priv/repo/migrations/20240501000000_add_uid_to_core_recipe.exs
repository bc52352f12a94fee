defmodule Cookbook.Repo.Migrations.AddUidToCoreRecipe do
  use Ecto.Migration

  def change do
    alter table(:core_recipe) do
      add :uid, :uuid
      add :created, :utc_datetime, default: fragment("now()")
    end
  end
end
