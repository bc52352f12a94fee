defmodule Shop.Repo.Migrations.IndexOrdersTotal do
  use Ecto.Migration

  @disable_ddl_transaction true
  @disable_migration_lock true

  def change do
    create index(:orders, [:total], concurrently: true)
  end
end
