defmodule Shop.Repo.Migrations.IndexPayments do
  use Ecto.Migration

  @disable_ddl_transaction true
  @disable_migration_lock true

  def change do
    create index(:payments, [:order_id], [name: :payments_order_index, concurrently: true])
    create index(:payments, [:state], [concurrently: true])
  end
end
