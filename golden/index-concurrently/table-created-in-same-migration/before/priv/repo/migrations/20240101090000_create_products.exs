defmodule Shop.Repo.Migrations.CreateProducts do
  use Ecto.Migration

  def change do
    create table(:products) do
      add :name, :string
      add :sku, :string

      timestamps()
    end

    create unique_index(:products, [:sku])
    create index("products", [:name])
  end
end
