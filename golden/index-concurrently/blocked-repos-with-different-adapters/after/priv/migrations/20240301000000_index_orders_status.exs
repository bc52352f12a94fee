defmodule Shop.Migrations.IndexOrdersStatus do
  use Ecto.Migration

  def change do
    create index(:orders, [:status])
  end
end
