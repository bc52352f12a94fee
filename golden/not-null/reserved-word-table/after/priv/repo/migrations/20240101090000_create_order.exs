defmodule Shop.Repo.Migrations.CreateOrder do
  use Ecto.Migration

  def change do
    create table(:order) do
      add :user, :string
    end
  end
end
