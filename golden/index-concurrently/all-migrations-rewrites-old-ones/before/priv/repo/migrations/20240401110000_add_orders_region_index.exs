defmodule Shop.Repo.Migrations.AddOrdersRegionIndex do
  use Ecto.Migration

  def change do
    create index(:orders, [:region])
  end
end
