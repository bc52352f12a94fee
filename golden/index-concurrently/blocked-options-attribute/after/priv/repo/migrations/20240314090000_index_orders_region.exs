defmodule Shop.Repo.Migrations.IndexOrdersRegion do
  use Ecto.Migration

  @index_opts [name: :orders_region_index]

  def change do
    create index(:orders, [:region], @index_opts)
  end
end
