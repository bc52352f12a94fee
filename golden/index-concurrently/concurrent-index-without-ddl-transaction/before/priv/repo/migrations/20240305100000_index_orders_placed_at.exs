defmodule Shop.Repo.Migrations.IndexOrdersPlacedAt do
  use Ecto.Migration

  def change do
    create index(:orders, [:placed_at], concurrently: true)
  end
end
