defmodule Shop.Repo.Migrations.IndexOrdersTotal do
  use Ecto.Migration

  @disable_ddl_transaction true

  def change do
    create index(:orders, [:total], concurrently: true)
  end
end
