defmodule Shop.Repo.Migrations.AddCustomerRefToOrders do
  use Ecto.Migration

  def up do
    alter table(:orders) do
      add :customer_ref, :string
    end
  end

  def down do
    alter table(:orders) do
      remove :customer_ref
    end
  end
end
