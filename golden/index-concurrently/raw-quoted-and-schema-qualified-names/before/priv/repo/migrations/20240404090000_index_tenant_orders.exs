defmodule Shop.Repo.Migrations.IndexTenantOrders do
  use Ecto.Migration

  def up do
    execute "create index if not exists orders_lower_email_index
               on tenant.orders using btree (lower(email)) include (name)
               where status <> 'void'"

    execute "CREATE INDEX \"Orders_Status_index\" ON \"Orders\" (\"Status\")"
  end

  def down do
    execute "drop index if exists tenant.orders_lower_email_index"
    execute "DROP INDEX \"Orders_Status_index\""
  end
end
