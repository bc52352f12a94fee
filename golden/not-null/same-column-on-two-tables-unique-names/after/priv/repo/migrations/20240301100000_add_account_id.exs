defmodule Shop.Repo.Migrations.AddAccountId do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      add :account_id, :integer
    end

    alter table(:invoices) do
      add :account_id, :integer
    end
  end
end
