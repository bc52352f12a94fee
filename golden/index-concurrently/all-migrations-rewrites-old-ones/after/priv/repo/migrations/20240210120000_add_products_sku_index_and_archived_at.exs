defmodule Shop.Repo.Migrations.AddProductsSkuIndexAndArchivedAt do
  use Ecto.Migration

  def change do
    alter table(:products) do
      add :archived_at, :utc_datetime
    end
  end
end
