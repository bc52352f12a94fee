defmodule Shop.Repo.Migrations.AddRegionValidateInvoicesRegionNotNull do
  use Ecto.Migration

  def up do
    execute ~s(ALTER TABLE "invoices" VALIDATE CONSTRAINT "invoices_region_not_null")
    execute ~s(ALTER TABLE "invoices" ALTER COLUMN "region" SET NOT NULL)
    drop constraint(:invoices, :invoices_region_not_null)
  end

  def down do
    create constraint(:invoices, :invoices_region_not_null,
             check: ~s("region" IS NOT NULL),
             validate: false
           )

    execute ~s(ALTER TABLE "invoices" ALTER COLUMN "region" DROP NOT NULL)
  end
end
