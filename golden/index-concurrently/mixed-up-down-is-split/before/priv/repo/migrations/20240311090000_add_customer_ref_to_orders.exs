defmodule Shop.Repo.Migrations.AddCustomerRefToOrders do
  use Ecto.Migration

  def up do
    alter table(:orders) do
      add :customer_ref, :string
    end

    create index(:orders, [:customer_ref])
  end

  def down do
    drop index(:orders, [:customer_ref])

    alter table(:orders) do
      remove :customer_ref
    end
  end
end
