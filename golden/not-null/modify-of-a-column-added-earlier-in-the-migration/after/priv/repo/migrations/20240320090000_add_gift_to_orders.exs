defmodule Shop.Repo.Migrations.AddGiftToOrders do
  use Ecto.Migration

  def up do
    alter table(:orders) do
      add :gift, :boolean
    end

    execute "UPDATE orders SET gift = false"

    execute ~s(ALTER TABLE "orders" ALTER COLUMN "gift" SET DEFAULT false)
  end

  def down do
    alter table(:orders) do
      remove :gift
    end
  end
end
