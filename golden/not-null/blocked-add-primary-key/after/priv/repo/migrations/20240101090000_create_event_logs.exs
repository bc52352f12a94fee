defmodule Shop.Repo.Migrations.CreateEventLogs do
  use Ecto.Migration

  def change do
    create table(:event_logs, primary_key: false) do
      add :name, :string
    end
  end
end
