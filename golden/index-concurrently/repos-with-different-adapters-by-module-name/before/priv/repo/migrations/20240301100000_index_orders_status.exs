defmodule Shop.Repo.Migrations.IndexOrdersStatus do
  use Ecto.Migration

  def change do
    create index(:orders, [:status])
  end
end
