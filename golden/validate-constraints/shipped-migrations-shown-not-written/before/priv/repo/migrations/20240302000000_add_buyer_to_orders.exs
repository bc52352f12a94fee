defmodule Shop.Repo.Migrations.AddBuyerToOrders do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      add :buyer_id, references(:users)
    end
  end
end
