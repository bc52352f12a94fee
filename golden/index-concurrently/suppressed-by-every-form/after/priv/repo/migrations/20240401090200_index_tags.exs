defmodule Shop.Repo.Migrations.IndexTags do
  use Ecto.Migration

  @safety_assured :all

  def change do
    create index(:tags, [:name])
  end
end
