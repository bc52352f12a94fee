defmodule Shop.Repo.Migrations.RequireOrderTotal do
  use Ecto.Migration

  def up do
    alter table(:orders) do
      modify :total, :integer, null: false
    end
  end

  def down do
    alter table(:orders) do
      modify :total, :integer, null: true
    end
  end
end
