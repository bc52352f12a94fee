defmodule Shop.Repo.Migrations.RequireTimeoutSettings do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      remove :note
      remove :legacy_total
    end
  end
end
