defmodule Shop.Repo.Migrations.BanDropNotNull do
  use Ecto.Migration

  def change do
    execute "ALTER TABLE orders ALTER COLUMN status DROP NOT NULL", "ALTER TABLE orders ALTER COLUMN status SET NOT NULL"
  end
end
