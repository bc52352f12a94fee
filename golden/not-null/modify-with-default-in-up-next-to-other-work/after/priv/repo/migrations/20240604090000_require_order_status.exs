defmodule Shop.Repo.Migrations.RequireOrderStatus do
  use Ecto.Migration

  def up do
    create index(:orders, [:channel])

    execute ~s(ALTER TABLE "orders" ALTER COLUMN "status" SET DEFAULT 'placed')
  end

  def down do
    drop index(:orders, [:channel])
  end
end
