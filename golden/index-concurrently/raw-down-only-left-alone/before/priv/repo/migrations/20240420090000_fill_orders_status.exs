defmodule Shop.Repo.Migrations.FillOrdersStatus do
  use Ecto.Migration

  def change do
    execute "UPDATE orders SET status = 'open' WHERE status IS NULL",
            "CREATE INDEX IF NOT EXISTS orders_status_index ON orders (status)"
  end
end
