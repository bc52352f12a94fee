defmodule Shop.Repo.Migrations.AddGiftToOrders do
  use Ecto.Migration

  def up do
    alter table(:orders) do
      add :gift, :boolean
    end

    execute "UPDATE orders SET gift = false"

    alter table(:orders) do
      modify :gift, :boolean, default: false, null: false
    end
  end

  def down do
    alter table(:orders) do
      remove :gift
    end
  end
end
