defmodule Shop.Repo.Migrations.ChangeSettingDefaults do
  use Ecto.Migration

  def change do
    execute ~s(ALTER TABLE "settings" ALTER COLUMN "label" SET DEFAULT 'it''s new'),
            ~s(ALTER TABLE "settings" ALTER COLUMN "label" DROP DEFAULT)

    execute ~s(ALTER TABLE "settings" ALTER COLUMN "retries" SET DEFAULT 1000),
            ~s(ALTER TABLE "settings" ALTER COLUMN "retries" DROP DEFAULT)

    execute ~s(ALTER TABLE "settings" ALTER COLUMN "offset" SET DEFAULT -1),
            ~s(ALTER TABLE "settings" ALTER COLUMN "offset" DROP DEFAULT)

    execute ~s(ALTER TABLE "settings" ALTER COLUMN "ratio" SET DEFAULT 2.5),
            ~s(ALTER TABLE "settings" ALTER COLUMN "ratio" DROP DEFAULT)

    # switched on for everyone
    execute ~s(ALTER TABLE "settings" ALTER COLUMN "enabled" SET DEFAULT true),
            ~s(ALTER TABLE "settings" ALTER COLUMN "enabled" DROP DEFAULT)

    execute ~s(ALTER TABLE "settings" ALTER COLUMN "note" SET DEFAULT NULL),
            ~s(ALTER TABLE "settings" ALTER COLUMN "note" SET DEFAULT 'none')

    execute ~s[ALTER TABLE "settings" ALTER COLUMN "checked_at" SET DEFAULT now()],
            ~s(ALTER TABLE "settings" ALTER COLUMN "checked_at" DROP DEFAULT)
  end
end
