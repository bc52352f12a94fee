defmodule Shop.Repo.Migrations.CreateProducts do
  use Ecto.Migration

  def change do
    create table(:products) do
      add :name, :string
      add :sku, :string
      add :price, :decimal, precision: 10, scale: 2

      timestamps(type: :utc_datetime)
    end

    create index(:products, [:name])
  end
end
