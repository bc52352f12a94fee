defmodule Shop.Repo.Migrations.IndexProductsSku do
  use Ecto.Migration

  def change do
    create unique_index(:products, [:sku])
  end
end
