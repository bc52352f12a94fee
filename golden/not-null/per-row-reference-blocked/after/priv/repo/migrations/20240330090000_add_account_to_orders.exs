defmodule Shop.Repo.Migrations.AddAccountToOrders do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      add :account_id, references(:accounts), null: false
    end
  end
end
