defmodule Shop.Repo.Migrations.CreateBilling do
  use Ecto.Migration

  def change do
    execute "CREATE SCHEMA billing", "DROP SCHEMA billing"

    create table(:invoices, prefix: "billing") do
      add :amount, :integer
    end
  end
end
