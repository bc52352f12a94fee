defmodule Shop.Repo.Migrations.IndexOrdersChannel do
  use Ecto.Migration

  @disable_ddl_transaction true
  @disable_migration_lock true

  def change do
    create index(:orders, [:channel], concurrently: true)
  end
end
