defmodule Shop.Repo.Migrations.RequireInvoicePaidAtValidatePaidAtNotNull do
  use Ecto.Migration

  def up do
    execute ~s(ALTER TABLE "billing"."invoices" VALIDATE CONSTRAINT "invoices_paid_at_not_null")
    execute ~s(ALTER TABLE "billing"."invoices" ALTER COLUMN "paid_at" SET NOT NULL)
    drop constraint(:invoices, :invoices_paid_at_not_null, prefix: "billing")
  end

  def down do
    create constraint(:invoices, :invoices_paid_at_not_null,
             check: ~s("paid_at" IS NOT NULL),
             validate: false,
             prefix: "billing"
           )

    execute ~s(ALTER TABLE "billing"."invoices" ALTER COLUMN "paid_at" DROP NOT NULL)
  end
end
