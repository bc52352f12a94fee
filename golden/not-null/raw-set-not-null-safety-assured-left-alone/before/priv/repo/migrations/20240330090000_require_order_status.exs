defmodule Shop.Repo.Migrations.RequireOrderStatus do
  use Ecto.Migration

  def change do
    # excellent_migrations:safety-assured-for-next-line raw_sql_executed
    execute "ALTER TABLE orders ALTER COLUMN status SET NOT NULL", ""
    # excellent_migrations:safety-assured-for-next-line not_null_added
    execute "ALTER TABLE orders ALTER COLUMN total SET NOT NULL", ""
  end
end
