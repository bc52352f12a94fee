defmodule Shop.Repo.Migrations.AddRankToOrders do
  use Ecto.Migration

  def up do
    alter table(:orders) do
      add :rank, :integer
    end

    execute "UPDATE orders SET rank = 0"
    execute "ALTER TABLE orders ALTER COLUMN rank SET NOT NULL"
  end

  def down do
    alter table(:orders) do
      remove :rank
    end
  end
end
