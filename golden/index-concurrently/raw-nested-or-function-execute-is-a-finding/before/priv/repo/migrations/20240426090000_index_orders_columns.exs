defmodule Shop.Repo.Migrations.IndexOrdersColumns do
  use Ecto.Migration

  def up do
    for column <- ~w(status region) do
      execute "CREATE INDEX orders_#{column}_index ON orders (#{column})"
    end

    execute fn -> repo().query!("CREATE INDEX orders_total_index ON orders (total)") end
  end

  def down do
    execute "DROP INDEX orders_status_index"
    execute "DROP INDEX orders_region_index"
    execute "DROP INDEX orders_total_index"
  end
end
