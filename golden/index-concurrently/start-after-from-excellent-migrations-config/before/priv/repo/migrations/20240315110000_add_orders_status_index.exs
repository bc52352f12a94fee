defmodule Shop.Repo.Migrations.AddOrdersStatusIndex do
  use Ecto.Migration

  def change do
    create index(:orders, [:status])
  end
end
