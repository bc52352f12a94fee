defmodule Shop.Repo.Migrations.RequireOrderTotal do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      add :note, :text
    end

    execute ~s(ALTER TABLE "orders" ALTER COLUMN "total" SET DEFAULT 0),
            ~s(ALTER TABLE "orders" ALTER COLUMN "total" SET DEFAULT NULL)
  end
end
