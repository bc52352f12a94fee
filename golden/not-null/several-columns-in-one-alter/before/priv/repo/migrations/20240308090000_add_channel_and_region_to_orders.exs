defmodule Shop.Repo.Migrations.AddChannelAndRegionToOrders do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      add :channel, :string, null: false
      add :note, :text
      add :region, :string, null: false
    end
  end
end
