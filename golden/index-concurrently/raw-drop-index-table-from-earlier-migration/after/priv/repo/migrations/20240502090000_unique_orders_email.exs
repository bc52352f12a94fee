defmodule Shop.Repo.Migrations.UniqueOrdersEmail do
  use Ecto.Migration

  @disable_ddl_transaction true
  @disable_migration_lock true

  def up do
    execute "DROP INDEX CONCURRENTLY coupons_code_idx"
    execute "CREATE UNIQUE INDEX CONCURRENTLY orders_email_index ON orders (email)"
  end

  def down do
    execute "DROP INDEX CONCURRENTLY orders_email_index"
    execute "CREATE INDEX CONCURRENTLY coupons_code_idx ON coupons (code)"
  end
end
