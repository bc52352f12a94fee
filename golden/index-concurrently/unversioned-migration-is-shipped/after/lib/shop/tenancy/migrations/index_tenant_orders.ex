defmodule Shop.Tenancy.Migrations.IndexTenantOrders do
  use Ecto.Migration

  def change do
    create index(:orders, [:status], prefix: prefix())
  end
end
