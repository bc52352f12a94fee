defmodule Shop.Repo.Migrations.AddKindToEventsValidateKindNotNull do
  use Ecto.Migration

  def up do
    execute ~s(ALTER TABLE "events" VALIDATE CONSTRAINT "events_kind_not_null")
    execute ~s(ALTER TABLE "events" ALTER COLUMN "kind" SET NOT NULL)
    drop constraint(:events, :events_kind_not_null)
  end

  def down do
    create constraint(:events, :events_kind_not_null,
             check: ~s("kind" IS NOT NULL),
             validate: false
           )

    execute ~s(ALTER TABLE "events" ALTER COLUMN "kind" DROP NOT NULL)
  end
end
