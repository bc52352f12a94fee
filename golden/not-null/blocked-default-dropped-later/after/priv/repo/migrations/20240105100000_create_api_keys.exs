defmodule Vault.Repo.Migrations.CreateApiKeys do
  use Ecto.Migration

  def change do
    create table(:api_keys) do
      add :name, :string

      timestamps()
    end
  end
end
