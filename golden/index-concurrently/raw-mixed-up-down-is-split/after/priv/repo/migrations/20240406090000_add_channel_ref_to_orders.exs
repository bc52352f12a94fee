defmodule Shop.Repo.Migrations.AddChannelRefToOrders do
  use Ecto.Migration

  def up do
    alter table(:orders) do
      add :channel_ref, :string
    end
  end

  def down do
    alter table(:orders) do
      remove :channel_ref
    end
  end
end
