defmodule Inventory.Repo.Migrations.IndexOrdersStatus do
  use Ecto.Migration

  def change do
    execute "CREATE INDEX orders_status_index ON orders (status)", "DROP INDEX orders_status_index"
  end
end
