defmodule Shop.Repo.Migrations.IndexTags do
  use Ecto.Migration

  def change do
    # excellent_migrations:safety-assured-for-next-line raw_sql_executed
    create index(:tags, [:name])
  end
end
