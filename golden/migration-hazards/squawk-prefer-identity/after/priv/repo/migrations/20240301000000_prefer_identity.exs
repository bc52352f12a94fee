defmodule Shop.Repo.Migrations.PreferIdentity do
  use Ecto.Migration

  def change do
    create table(:tickets, primary_key: false) do
      add :id, :bigserial, primary_key: true
    end
  end
end
