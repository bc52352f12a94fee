defmodule Shop.Repo.Migrations.AddProductsSkuIndexAndArchivedAtConcurrentIndexes do
  use Ecto.Migration

  @disable_ddl_transaction true
  @disable_migration_lock true

  def change do
    create unique_index(:products, [:sku], name: :products_sku_index, concurrently: true)
  end
end
