defmodule Shop.Repo.Migrations.RemoveOrdersRegion do
  use Ecto.Migration

  def up do
    alter table(:orders) do
      remove :region
    end
  end

  def down do
    alter table(:orders) do
      add :region, :text
    end

    execute "CREATE INDEX orders_region_index ON orders (region)"
  end
end
