defmodule Shop.Repo.Migrations.RequireOrderStatus do
  use Ecto.Migration

  def change do
    execute "UPDATE orders SET status = 'placed' WHERE status IS NULL", ""

    execute "ALTER TABLE orders ALTER COLUMN status SET NOT NULL",
            "ALTER TABLE orders ALTER COLUMN status DROP NOT NULL"
  end
end
