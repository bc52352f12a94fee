defmodule Shop.Repo.Migrations.AddProductsSkuIndexAndArchivedAt do
  use Ecto.Migration

  def change do
    create unique_index(:products, [:sku], name: :products_sku_index)

    alter table(:products) do
      add :archived_at, :utc_datetime
    end
  end
end
