defmodule Shop.Repo.Migrations.UniqueProductsSku do
  use Ecto.Migration

  def change do
    create unique_index(:products, name: :products_sku_index)
  end
end
