defmodule Shop.Repo.Migrations.IndexOrdersChannel do
  use Ecto.Migration

  @index "orders_channel_index"

  def up do
    execute "CREATE INDEX #{@index} ON orders (channel)"
  end

  def down do
    execute "DROP INDEX #{@index}"
  end
end
