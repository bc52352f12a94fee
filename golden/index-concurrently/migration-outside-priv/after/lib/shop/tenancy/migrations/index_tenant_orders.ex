defmodule Shop.Tenancy.Migrations.IndexTenantOrders do
  use Ecto.Migration

  @disable_ddl_transaction true
  @disable_migration_lock true

  def change do
    create index(:orders, [:status], prefix: prefix(), concurrently: true)
  end
end
