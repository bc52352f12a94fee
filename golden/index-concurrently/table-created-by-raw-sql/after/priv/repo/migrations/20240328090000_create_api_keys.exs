defmodule Shop.Repo.Migrations.CreateApiKeys do
  use Ecto.Migration

  def up do
    execute """
    CREATE TABLE IF NOT EXISTS api_keys (
      id bigserial PRIMARY KEY,
      name text NOT NULL,
      secret text NOT NULL
    )
    """

    execute "CREATE UNIQUE INDEX ON api_keys (lower(name))"
    create index(:api_keys, [:secret])
  end

  def down do
    execute "DROP TABLE IF EXISTS api_keys"
  end
end
