defmodule Shop.Repo.Migrations.IndexOrdersStatusAndEmail do
  use Ecto.Migration

  def change do
    create index(:orders, [:status])

    execute "CREATE INDEX orders_lower_email_index ON orders (lower(email))",
            "DROP INDEX orders_lower_email_index"
  end
end
