defmodule Shop.Repo.Migrations.RequireOrderMeta do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      modify :meta, :map, null: false, default: %{}
    end
  end
end
