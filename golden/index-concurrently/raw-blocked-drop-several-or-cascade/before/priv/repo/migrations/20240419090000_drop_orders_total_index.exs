defmodule Shop.Repo.Migrations.DropOrdersTotalIndex do
  use Ecto.Migration

  def up do
    execute "DROP INDEX orders_total_index CASCADE"
  end

  def down do
    execute "CREATE INDEX orders_total_index ON orders (total)"
  end
end
