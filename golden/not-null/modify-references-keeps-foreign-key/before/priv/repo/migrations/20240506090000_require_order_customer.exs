defmodule Shop.Repo.Migrations.RequireOrderCustomer do
  use Ecto.Migration

  def up do
    drop constraint(:orders, :orders_customer_id_fkey)

    alter table(:orders) do
      modify :customer_id, references(:customers), null: false
    end
  end

  def down do
    alter table(:orders) do
      modify :customer_id, references(:customers), null: true, from: references(:customers)
    end
  end
end
