defmodule Shop.Repo.Migrations.AddRoleToMemberships do
  use Ecto.Migration

  def change do
    alter table(:memberships) do
      add :role, :string, null: false
    end
  end
end
