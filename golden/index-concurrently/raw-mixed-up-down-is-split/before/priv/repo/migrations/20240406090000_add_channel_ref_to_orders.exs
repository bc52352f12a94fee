defmodule Shop.Repo.Migrations.AddChannelRefToOrders do
  use Ecto.Migration

  def up do
    alter table(:orders) do
      add :channel_ref, :string
    end

    execute "CREATE INDEX orders_channel_ref_index ON orders (channel_ref)"
  end

  def down do
    execute "DROP INDEX orders_channel_ref_index"

    alter table(:orders) do
      remove :channel_ref
    end
  end
end
