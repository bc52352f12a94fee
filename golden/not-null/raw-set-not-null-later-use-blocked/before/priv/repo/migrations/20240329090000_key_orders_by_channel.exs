defmodule Shop.Repo.Migrations.KeyOrdersByChannel do
  use Ecto.Migration

  def change do
    execute "ALTER TABLE orders ALTER COLUMN channel SET NOT NULL", ""
    execute "ALTER TABLE orders ADD CONSTRAINT orders_channel_total UNIQUE (channel, total)",
            "ALTER TABLE orders DROP CONSTRAINT orders_channel_total"
  end
end
