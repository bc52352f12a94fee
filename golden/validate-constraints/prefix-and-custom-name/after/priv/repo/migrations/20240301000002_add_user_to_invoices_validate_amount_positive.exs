defmodule Shop.Repo.Migrations.AddUserToInvoicesValidateAmountPositive do
  use Ecto.Migration

  def change do
    execute ~s(ALTER TABLE "billing"."invoices" VALIDATE CONSTRAINT "amount_positive"), ""
  end
end
