defmodule Shop.Repo.Migrations.AddUserToInvoices do
  use Ecto.Migration

  def change do
    alter table(:invoices, prefix: "billing") do
      add :user_id, references(:users, prefix: "public", name: :invoices_user_fk, validate: false)
    end

    create constraint(:invoices, :amount_positive,
             check: "amount >= 0",
             prefix: "billing",
             validate: false
           )
  end
end
