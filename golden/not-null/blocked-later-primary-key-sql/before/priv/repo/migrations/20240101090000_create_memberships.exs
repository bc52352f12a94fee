defmodule Shop.Repo.Migrations.CreateMemberships do
  use Ecto.Migration

  def change do
    create table(:memberships, primary_key: false) do
      add :team_id, :bigint
      add :user_id, :bigint
    end
  end
end
