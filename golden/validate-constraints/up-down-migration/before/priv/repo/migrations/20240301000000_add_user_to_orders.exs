defmodule Shop.Repo.Migrations.AddUserToOrders do
  use Ecto.Migration

  def up do
    alter table(:orders) do
      add :user_id, references(:users)
    end
  end

  def down do
    alter table(:orders) do
      remove :user_id
    end
  end
end
