defmodule Shop.Repo.Migrations.IndexOrdersStatus do
  use Ecto.Migration

  def change do
    opts = [name: :orders_status_index]
    create index(:orders, [:status], opts)
  end
end
