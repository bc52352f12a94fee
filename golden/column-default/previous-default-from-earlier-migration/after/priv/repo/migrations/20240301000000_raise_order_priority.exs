defmodule Shop.Repo.Migrations.RaiseOrderPriority do
  use Ecto.Migration

  def change do
    execute ~s(ALTER TABLE "orders" ALTER COLUMN "priority" SET DEFAULT 5),
            ~s(ALTER TABLE "orders" ALTER COLUMN "priority" SET DEFAULT 0)
  end
end
