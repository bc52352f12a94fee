defmodule Shop.Repo.Migrations.RemoveUserFromOrders do
  use Ecto.Migration

  def up do
    alter table(:orders) do
      remove :user_id
    end
  end

  def down do
    alter table(:orders) do
      add :user_id, references(:users)
    end
  end
end
