defmodule Shop.Repo.Migrations.RequireOrderPlacedAt do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      modify :placed_at, :utc_datetime
    end
  end
end
