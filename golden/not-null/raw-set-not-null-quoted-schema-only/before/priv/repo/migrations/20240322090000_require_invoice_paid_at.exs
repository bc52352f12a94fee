defmodule Shop.Repo.Migrations.RequireInvoicePaidAt do
  use Ecto.Migration

  def change do
    execute ~s(ALTER TABLE ONLY "billing"."invoices" ALTER COLUMN "paid_at" SET NOT NULL)
  end
end
