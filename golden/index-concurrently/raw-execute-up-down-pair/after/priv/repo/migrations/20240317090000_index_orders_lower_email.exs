defmodule Shop.Repo.Migrations.IndexOrdersLowerEmail do
  use Ecto.Migration

  @disable_ddl_transaction true
  @disable_migration_lock true

  def up do
    execute "CREATE INDEX CONCURRENTLY orders_lower_email_index ON orders (lower(email))"
  end

  def down do
    execute "DROP INDEX CONCURRENTLY orders_lower_email_index"
  end
end
