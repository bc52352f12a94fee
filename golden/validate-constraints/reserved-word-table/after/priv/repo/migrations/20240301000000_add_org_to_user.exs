defmodule Shop.Repo.Migrations.AddOrgToUser do
  use Ecto.Migration

  def change do
    alter table(:user) do
      add :org_id, references(:org, validate: false)
    end
  end
end
