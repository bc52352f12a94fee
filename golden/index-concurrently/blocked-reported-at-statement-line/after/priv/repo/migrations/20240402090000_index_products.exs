defmodule Shop.Repo.Migrations.IndexProducts do
  use Ecto.Migration

  def change do
    create index(:products, [:sku])

    for column <- [:name, :price] do
      create index(:products, [column])
    end
  end
end
