defmodule Shop.Repo.Migrations.RequireOrderTotal do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      add :note, :text
      modify :total, :integer, null: false, default: 0, from: {:integer, null: true, default: nil}
    end
  end
end
