defmodule Shop.Repo.Migrations.AddPositionToOrder do
  use Ecto.Migration

  def change do
    alter table(:order) do
      add :position, :integer
    end
  end
end
