defmodule Shop.Repo.Migrations.CreateOrders do
  use Ecto.Migration

  def change do
    create table(:orders) do
      add :status, :string, null: false, default: "pending"
      add :total, :decimal, precision: 10, scale: 2
      add :customer_email, :string

      timestamps(type: :utc_datetime)
    end
  end
end
