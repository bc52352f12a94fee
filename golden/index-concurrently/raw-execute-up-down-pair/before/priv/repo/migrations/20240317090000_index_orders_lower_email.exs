defmodule Shop.Repo.Migrations.IndexOrdersLowerEmail do
  use Ecto.Migration

  def up do
    execute "CREATE INDEX orders_lower_email_index ON orders (lower(email))"
  end

  def down do
    execute "DROP INDEX orders_lower_email_index"
  end
end
