defmodule Shop.Repo.Migrations.AddSkuToProducts do
  use Ecto.Migration

  def change do
    alter table(:products) do
      add :sku, :string, null: false
    end
  end
end
