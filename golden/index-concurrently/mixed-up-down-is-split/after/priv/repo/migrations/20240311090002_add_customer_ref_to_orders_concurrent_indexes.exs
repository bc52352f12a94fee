defmodule Shop.Repo.Migrations.AddCustomerRefToOrdersConcurrentIndexes do
  use Ecto.Migration

  @disable_ddl_transaction true
  @disable_migration_lock true

  def up do
    create index(:orders, [:customer_ref], concurrently: true)
  end

  def down do
    drop index(:orders, [:customer_ref], concurrently: true)
  end
end
