defmodule Shop.Repo.Migrations.BanDropColumn do
  use Ecto.Migration

  def change do
    execute "ALTER TABLE orders DROP COLUMN legacy_total", "ALTER TABLE orders ADD COLUMN legacy_total integer"
  end
end
