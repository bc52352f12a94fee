defmodule Shop.Repo.Migrations.UniqueOrdersEmail do
  use Ecto.Migration

  def up do
    execute "DROP INDEX coupons_code_idx"
    execute "CREATE UNIQUE INDEX orders_email_index ON orders (email)"
  end

  def down do
    execute "DROP INDEX orders_email_index"
    execute "CREATE INDEX coupons_code_idx ON coupons (code)"
  end
end
