defmodule Shop.Repo.Migrations.IndexOrdersStatusAndEmail do
  use Ecto.Migration

  @disable_ddl_transaction true
  @disable_migration_lock true

  def change do
    create index(:orders, [:status], concurrently: true)

    execute "CREATE INDEX CONCURRENTLY orders_lower_email_index ON orders (lower(email))",
            "DROP INDEX CONCURRENTLY orders_lower_email_index"
  end
end
