defmodule Shop.Repo.Migrations.AddArkCache do
  use Ecto.Migration

  def change do
    create index(:ark_cache, [:ark], concurrently: false)
  end
end
