defmodule Shop.Repo.Migrations.RequireOrderFields do
  use Ecto.Migration

  def up do
    alter table(:orders) do
      add :note, :text
    end
  end

  def down do
    alter table(:orders) do
      remove :note
    end
  end
end
