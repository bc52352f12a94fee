defmodule Shop.Repo.Migrations.RequireConcurrentReindex do
  use Ecto.Migration

  @disable_ddl_transaction true
  @disable_migration_lock true

  def change do
    execute "REINDEX INDEX orders_status_index", ""
    execute "REINDEX INDEX CONCURRENTLY orders_total_index", ""
  end
end
