defmodule Shop.Repo.Migrations.IndexOrdersChannel do
  use Ecto.Migration

  def up do
    execute "CREATE INDEX orders_channel_index ON orders (channel)"
  end

  def down do
    execute "DROP INDEX orders_channel_index"
  end
end
