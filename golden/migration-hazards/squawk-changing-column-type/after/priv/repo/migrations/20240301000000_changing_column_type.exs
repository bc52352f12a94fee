defmodule Shop.Repo.Migrations.ChangingColumnType do
  use Ecto.Migration

  def change do
    execute "ALTER TABLE orders ALTER COLUMN total TYPE bigint", "ALTER TABLE orders ALTER COLUMN total TYPE integer"
  end
end
