defmodule Shop.Repo.Migrations.CreateOrdersAndInvoices do
  use Ecto.Migration

  def change do
    create table(:orders) do
      add :status, :string
    end

    create table(:invoices) do
      add :total, :integer
    end
  end
end
