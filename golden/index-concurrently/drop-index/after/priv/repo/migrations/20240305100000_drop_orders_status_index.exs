defmodule Shop.Repo.Migrations.DropOrdersStatusIndex do
  use Ecto.Migration

  @disable_ddl_transaction true
  @disable_migration_lock true

  def change do
    drop index(:orders, [:status], concurrently: true)
  end
end
