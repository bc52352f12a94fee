defmodule Shop.Repo.Migrations.IndexOrdersEmail do
  use Ecto.Migration

  @disable_ddl_transaction true
  @disable_migration_lock true

  def change, do: create(index(:orders, [:email], concurrently: true))
end
