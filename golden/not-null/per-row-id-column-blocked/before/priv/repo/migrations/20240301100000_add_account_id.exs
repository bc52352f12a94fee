defmodule Shop.Repo.Migrations.AddAccountId do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      add :account_id, :integer, null: false
    end

    alter table(:invoices) do
      add :account_id, :integer, null: false
    end
  end
end
