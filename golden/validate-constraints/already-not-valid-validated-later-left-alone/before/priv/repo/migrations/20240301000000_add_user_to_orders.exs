defmodule Shop.Repo.Migrations.AddUserToOrders do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      add :user_id, references(:users, validate: false)
    end

    create constraint(:orders, :total_positive, check: "total >= 0", validate: false)
  end
end
