defmodule Shop.Repo.Migrations.AddIdToEventLogs do
  use Ecto.Migration

  def change do
    alter table(:event_logs) do
      add :id, :bigserial, primary_key: true, null: false
    end
  end
end
