defmodule Shop.Repo.Migrations.CitextNote do
  use Ecto.Migration

  def up do
    alter table(:orders) do
      modify :note, :citext
    end
  end

  def down do
    alter table(:orders) do
      modify :note, :text
    end
  end
end
