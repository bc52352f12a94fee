defmodule Shop.Repo.Migrations.AddChannelAndRegionToOrders do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      add :channel, :string
      add :note, :text
      add :region, :string
    end
  end
end
