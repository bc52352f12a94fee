defmodule Shop.Repo.Migrations.RenameOrdersIndex do
  use Ecto.Migration

  def change do
    rename index(:orders, [:status], name: :orders_status_index), to: "orders_state_index"
  end
end
