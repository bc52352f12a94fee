defmodule Shop.Repo.Migrations.AddPlanToAccounts do
  use Ecto.Migration

  def change do
    alter table(:accounts, prefix: :billing) do
      add :plan, :string
    end
  end
end
