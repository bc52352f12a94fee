defmodule Shop.Repo.Migrations.IndexOrdersCustomerStatus do
  use Ecto.Migration

  def change do
    create index(:orders, [:customer_id, :status, :inserted_at], where: "status = 'pending'")
  end
end
