defmodule Shop.Repo.Migrations.IndexOrdersStatus do
  use Ecto.Migration

  @disable_ddl_transaction true

  def change do
    create index(:orders, [:status], concurrently: true)
  end
end
