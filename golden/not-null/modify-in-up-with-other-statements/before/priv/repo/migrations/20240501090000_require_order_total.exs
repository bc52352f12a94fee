defmodule Shop.Repo.Migrations.RequireOrderTotal do
  use Ecto.Migration

  def up do
    alter table(:orders) do
      add :note, :text
      modify :total, :integer, null: false
    end

    create index(:orders, [:status])
  end

  def down do
    drop index(:orders, [:status])

    alter table(:orders) do
      remove :note
      modify :total, :integer, null: true
    end
  end
end
