defmodule Shop.Repo.Migrations.AddNoteToOrders do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      add :note, :text
    end

    execute ~s(ALTER TABLE "orders" ALTER COLUMN "status" SET DEFAULT 'new'),
            ~s(ALTER TABLE "orders" ALTER COLUMN "status" DROP DEFAULT)
  end
end
