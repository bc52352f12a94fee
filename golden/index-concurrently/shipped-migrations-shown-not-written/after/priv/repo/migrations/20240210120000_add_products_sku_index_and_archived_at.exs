defmodule Shop.Repo.Migrations.AddProductsSkuIndexAndArchivedAt do
  use Ecto.Migration

  def change do
    alter table(:products) do
      add :archived_at, :utc_datetime
    end

    create unique_index(:products, [:sku], name: :products_sku_index)
  end
end
