defmodule Shop.Repo.Migrations.RequireOrderStatus do
  use Ecto.Migration

  def up do
    create index(:orders, [:channel])

    alter table(:orders) do
      modify(:status, :string, null: false, default: "placed")
    end
  end

  def down do
    drop index(:orders, [:channel])
  end
end
