defmodule Shop.Repo.Migrations.AddRegionInvoicesRegionNotNull do
  use Ecto.Migration

  def change do
    create constraint(:invoices, :invoices_region_not_null,
             check: ~s("region" IS NOT NULL),
             validate: false
           )
  end
end
