defmodule Shop.Repo.Migrations.RecreateOrders do
  use Ecto.Migration

  def change do
    drop table(:orders)

    create table(:orders) do
      add :status, :text
    end
  end
end
