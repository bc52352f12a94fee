defmodule Shop.Repo.Migrations.AddRegionToOrders do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      add :region, :string, null: false
    end
  end
end
