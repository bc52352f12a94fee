defmodule Shop.Repo.Migrations.RequireOrderColumns do
  use Ecto.Migration

  @table "orders"

  def up do
    execute "ALTER TABLE #{@table} ALTER COLUMN status SET NOT NULL"

    for column <- ~w(total channel) do
      execute "ALTER TABLE orders ALTER COLUMN #{column} SET NOT NULL"
    end
  end

  def down do
    execute "ALTER TABLE orders ALTER COLUMN status DROP NOT NULL"
  end
end
