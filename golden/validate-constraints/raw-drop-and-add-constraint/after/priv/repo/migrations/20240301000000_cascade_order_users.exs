defmodule Shop.Repo.Migrations.CascadeOrderUsers do
  use Ecto.Migration

  def change do
    execute("""
    ALTER TABLE "orders"
    DROP CONSTRAINT "orders_user_id_fkey",
    ADD CONSTRAINT "orders_user_id_fkey"
    FOREIGN KEY ("user_id")
    REFERENCES "users" ("id") ON DELETE CASCADE NOT VALID;
    """)
  end
end
