defmodule Shop.Repo.Migrations.IndexOrdersByStatus do
  use Ecto.Migration

  def change do
    create index(:orders, [:status], concurrently: false)
    drop_if_exists index(:orders, [:placed_at], concurrently: false)

    create table(:refunds) do
      add :order_id, :bigint
    end

    # A new table: nobody else holds it yet.
    create index(:refunds, [:order_id], concurrently: false)
  end
end
