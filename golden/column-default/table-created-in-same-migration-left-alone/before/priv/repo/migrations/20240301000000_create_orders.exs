defmodule Shop.Repo.Migrations.CreateOrders do
  use Ecto.Migration

  def change do
    create table(:orders) do
      add :status, :string
    end

    alter table(:orders) do
      modify :status, :string, default: "new"
    end
  end
end
