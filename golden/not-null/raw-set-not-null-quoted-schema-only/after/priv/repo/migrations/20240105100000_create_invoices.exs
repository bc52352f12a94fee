defmodule Shop.Repo.Migrations.CreateInvoices do
  use Ecto.Migration

  def change do
    execute "CREATE SCHEMA billing", "DROP SCHEMA billing"

    create table(:invoices, prefix: "billing") do
      add :paid_at, :utc_datetime

      timestamps()
    end
  end
end
