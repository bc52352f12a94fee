defmodule Shop.Repo.Migrations.ClearNotes do
  use Ecto.Migration

  def change do
    # excellent_migrations:safety-assured-for-next-line raw_sql_executed
    execute "UPDATE orders SET note = NULL", ""
    execute "DELETE FROM carts", ""
  end
end
