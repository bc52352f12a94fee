defmodule Shop.Repo.Migrations.RequireInvoicePaidAt do
  use Ecto.Migration

  def change do
    create constraint(:invoices, :invoices_paid_at_not_null,
             check: ~s("paid_at" IS NOT NULL),
             validate: false,
             prefix: "billing"
           )
  end
end
