defmodule Shop.Repo.Migrations.IndexOpenOrders do
  use Ecto.Migration

  @closed "void"

  def up do
    execute "CREATE INDEX orders_open_index ON orders (placed_at) WHERE status <> '#{@closed}'"
  end

  def down do
    execute "DROP INDEX orders_open_index"
  end
end
