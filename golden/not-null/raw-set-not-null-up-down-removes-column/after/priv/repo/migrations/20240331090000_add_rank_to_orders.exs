defmodule Shop.Repo.Migrations.AddRankToOrders do
  use Ecto.Migration

  def up do
    alter table(:orders) do
      add :rank, :integer
    end

    execute "UPDATE orders SET rank = 0"

    create constraint(:orders, :orders_rank_not_null,
             check: ~s("rank" IS NOT NULL),
             validate: false
           )
  end

  def down do
    alter table(:orders) do
      remove :rank
    end
  end
end
