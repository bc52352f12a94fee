defmodule Shop.Repo.Migrations.IndexOrdersTotal do
  use Ecto.Migration

  def change do
    create index(:orders, [:total])
  end
end
