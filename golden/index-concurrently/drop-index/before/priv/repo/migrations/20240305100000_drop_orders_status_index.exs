defmodule Shop.Repo.Migrations.DropOrdersStatusIndex do
  use Ecto.Migration

  def change do
    drop index(:orders, [:status])
  end
end
