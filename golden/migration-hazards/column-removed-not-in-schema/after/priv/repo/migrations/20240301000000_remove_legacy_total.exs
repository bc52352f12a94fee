defmodule Shop.Repo.Migrations.RemoveLegacyTotal do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      remove :legacy_total, :integer
      remove_if_exists :customer_id, :integer
    end
  end
end
