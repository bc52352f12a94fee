defmodule Shop.Repo.Migrations.DraftOrders do
  use Ecto.Migration

  def change do
    execute "ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'draft'",
            "ALTER TABLE orders ALTER COLUMN status DROP DEFAULT"
  end
end
