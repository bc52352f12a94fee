defmodule Shop.Repo.Migrations.AddUserToInvoicesValidateInvoicesUserFk do
  use Ecto.Migration

  def change do
    execute ~s(ALTER TABLE "billing"."invoices" VALIDATE CONSTRAINT "invoices_user_fk"), ""
  end
end
