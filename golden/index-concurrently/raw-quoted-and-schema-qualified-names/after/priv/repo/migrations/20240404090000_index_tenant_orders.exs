defmodule Shop.Repo.Migrations.IndexTenantOrders do
  use Ecto.Migration

  @disable_ddl_transaction true
  @disable_migration_lock true

  def up do
    execute "create index concurrently if not exists orders_lower_email_index
               on tenant.orders using btree (lower(email)) include (name)
               where status <> 'void'"

    execute "CREATE INDEX CONCURRENTLY \"Orders_Status_index\" ON \"Orders\" (\"Status\")"
  end

  def down do
    execute "drop index concurrently if exists tenant.orders_lower_email_index"
    execute "DROP INDEX CONCURRENTLY \"Orders_Status_index\""
  end
end
