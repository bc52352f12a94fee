defmodule Shop.Repo.Migrations.AddRegionToOrders do
  use Ecto.Migration

  def up do
    alter table(:orders) do
      add :region, :string
    end

    create index(:orders, [:region])
  end
end
