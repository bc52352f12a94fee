defmodule Shop.Repo.Migrations.IndexReadingsConcurrentIndexes do
  use Ecto.Migration

  @disable_ddl_transaction true
  @disable_migration_lock true

  def change do
    # mir-fix: ignore index-concurently
    create index(:readings, [:note], concurrently: true)
  end
end
