defmodule Shop.Repo.Migrations.RemoveLegacyTotal do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      remove :legacy_total
    end
  end
end
