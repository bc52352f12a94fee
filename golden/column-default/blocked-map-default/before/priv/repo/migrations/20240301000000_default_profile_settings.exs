defmodule Shop.Repo.Migrations.DefaultProfileSettings do
  use Ecto.Migration

  def change do
    alter table(:profiles) do
      modify :settings, :map, default: %{}
    end
  end
end
