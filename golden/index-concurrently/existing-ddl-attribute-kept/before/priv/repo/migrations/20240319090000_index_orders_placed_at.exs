defmodule Shop.Repo.Migrations.IndexOrdersPlacedAt do
  use Ecto.Migration
  @disable_ddl_transaction true

  def change do
    create index(:orders, [:placed_at])
  end
end
