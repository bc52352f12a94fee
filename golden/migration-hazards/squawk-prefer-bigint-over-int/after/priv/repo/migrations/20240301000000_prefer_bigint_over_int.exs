defmodule Shop.Repo.Migrations.PreferBigintOverInt do
  use Ecto.Migration

  def change do
    create table(:tickets, primary_key: [name: :id, type: :serial]) do
      add :title, :string
    end
  end
end
