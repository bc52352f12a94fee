defmodule Vault.Repo.Migrations.AddScopesToApiKeys do
  use Ecto.Migration

  def up do
    alter table(:api_keys) do
      add :scopes, {:array, :map},
        null: false,
        default: fragment("ARRAY[json_build_object('id', gen_random_uuid(), 'domain', 'api')]")
    end

    # The default only seeds the rows that exist today; new keys must name their scopes.
    execute("ALTER TABLE api_keys ALTER scopes DROP DEFAULT")
  end

  def down do
    alter table(:api_keys) do
      remove :scopes
    end
  end
end
