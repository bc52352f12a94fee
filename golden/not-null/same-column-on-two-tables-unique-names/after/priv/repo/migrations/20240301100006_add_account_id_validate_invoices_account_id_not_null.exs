defmodule Shop.Repo.Migrations.AddAccountIdValidateInvoicesAccountIdNotNull do
  use Ecto.Migration

  def up do
    execute ~s(ALTER TABLE "invoices" VALIDATE CONSTRAINT "invoices_account_id_not_null")
    execute ~s(ALTER TABLE "invoices" ALTER COLUMN "account_id" SET NOT NULL)
    drop constraint(:invoices, :invoices_account_id_not_null)
  end

  def down do
    create constraint(:invoices, :invoices_account_id_not_null,
             check: ~s("account_id" IS NOT NULL),
             validate: false
           )

    execute ~s(ALTER TABLE "invoices" ALTER COLUMN "account_id" DROP NOT NULL)
  end
end
