defmodule Shop.Repo.Migrations.RenameOrders do
  use Ecto.Migration

  def change do
    rename table(:orders), to: table(:purchases)
  end
end
