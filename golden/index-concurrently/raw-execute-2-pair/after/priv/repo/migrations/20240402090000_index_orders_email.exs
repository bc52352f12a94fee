defmodule Shop.Repo.Migrations.IndexOrdersEmail do
  use Ecto.Migration

  @disable_ddl_transaction true
  @disable_migration_lock true

  def change do
    execute "CREATE UNIQUE INDEX CONCURRENTLY orders_email_index ON orders (email)",
            "DROP INDEX CONCURRENTLY orders_email_index"
  end
end
