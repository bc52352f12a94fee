defmodule Shop.Repo.Migrations.CreateProfiles do
  use Ecto.Migration

  def change do
    create table(:profiles) do
      add :settings, :map
    end
  end
end
