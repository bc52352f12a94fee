defmodule Shop.Repo.Migrations.CreateMemberships do
  use Ecto.Migration

  def change do
    create table(:memberships, primary_key: false) do
      add :team_id, :bigint, primary_key: true
      add :user_id, :bigint, primary_key: true
    end
  end
end
