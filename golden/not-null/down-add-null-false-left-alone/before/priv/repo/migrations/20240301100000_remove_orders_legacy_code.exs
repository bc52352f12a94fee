defmodule Shop.Repo.Migrations.RemoveOrdersLegacyCode do
  use Ecto.Migration

  def up do
    alter table(:orders) do
      remove :legacy_code
    end
  end

  def down do
    alter table(:orders) do
      add :legacy_code, :string, null: false
    end
  end
end
