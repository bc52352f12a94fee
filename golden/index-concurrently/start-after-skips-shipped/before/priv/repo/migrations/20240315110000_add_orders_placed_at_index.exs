defmodule Shop.Repo.Migrations.AddOrdersPlacedAtIndex do
  use Ecto.Migration

  def change do
    create index(:orders, [:placed_at])
  end
end
