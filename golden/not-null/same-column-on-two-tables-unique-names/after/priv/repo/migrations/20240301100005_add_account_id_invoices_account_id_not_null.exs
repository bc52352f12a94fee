defmodule Shop.Repo.Migrations.AddAccountIdInvoicesAccountIdNotNull do
  use Ecto.Migration

  def change do
    create constraint(:invoices, :invoices_account_id_not_null,
             check: ~s("account_id" IS NOT NULL),
             validate: false
           )
  end
end
