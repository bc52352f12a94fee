defmodule Shop.Repo.Migrations.IndexPayments do
  use Ecto.Migration

  def change do
    create index(:payments, [:order_id], [name: :payments_order_index])
    create index(:payments, [:state], [])
  end
end
