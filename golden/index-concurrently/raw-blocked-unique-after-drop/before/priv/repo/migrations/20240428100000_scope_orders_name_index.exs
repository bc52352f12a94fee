defmodule Shop.Repo.Migrations.ScopeOrdersNameIndex do
  use Ecto.Migration

  def change do
    execute "DROP INDEX orders_name_index", "CREATE UNIQUE INDEX orders_name_index ON orders (name)"
    create index(:orders, [:name, :channel], unique: true)
  end
end
