defmodule Shop.Repo.Migrations.AddChannelToOrders do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      add :channel, :string, null: false
    end

    create index(:orders, [:channel])
  end
end
