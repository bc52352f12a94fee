defmodule Shop.Repo.Migrations.IndexOrdersEmail do
  use Ecto.Migration

  def change do
    execute "CREATE UNIQUE INDEX orders_email_index ON orders (email)", "DROP INDEX orders_email_index"
  end
end
