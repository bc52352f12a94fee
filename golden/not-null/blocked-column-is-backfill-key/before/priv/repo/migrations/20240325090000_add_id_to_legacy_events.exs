defmodule Shop.Repo.Migrations.AddIdToLegacyEvents do
  use Ecto.Migration

  def change do
    alter table(:legacy_events) do
      add :id, :uuid, null: false, default: fragment("gen_random_uuid()")
    end
  end
end
