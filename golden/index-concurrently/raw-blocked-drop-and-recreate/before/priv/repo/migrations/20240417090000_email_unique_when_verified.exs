defmodule Shop.Repo.Migrations.EmailUniqueWhenVerified do
  use Ecto.Migration

  def up do
    execute "ALTER TABLE orders DROP CONSTRAINT orders_email_key"
    execute "CREATE UNIQUE INDEX orders_email_key ON orders (email) WHERE status <> 'void'"
  end

  def down do
    execute "DROP INDEX orders_email_key"
    execute "ALTER TABLE orders ADD CONSTRAINT orders_email_key UNIQUE (email)"
  end
end
