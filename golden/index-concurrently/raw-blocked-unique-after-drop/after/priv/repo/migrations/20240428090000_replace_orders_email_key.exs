defmodule Shop.Repo.Migrations.ReplaceOrdersEmailKey do
  use Ecto.Migration

  def up do
    execute "ALTER TABLE orders DROP CONSTRAINT orders_email_key"
    execute "CREATE UNIQUE INDEX orders_lower_email_index ON orders (lower(email))"
  end

  def down do
    execute "DROP INDEX orders_lower_email_index"
    execute "ALTER TABLE orders ADD CONSTRAINT orders_email_key UNIQUE (email)"
  end
end
