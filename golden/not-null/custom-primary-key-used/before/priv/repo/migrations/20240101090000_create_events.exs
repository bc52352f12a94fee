defmodule Shop.Repo.Migrations.CreateEvents do
  use Ecto.Migration

  def change do
    create table(:events, primary_key: false) do
      add :event_id, :binary_id, primary_key: true
      add :name, :string
    end
  end
end
