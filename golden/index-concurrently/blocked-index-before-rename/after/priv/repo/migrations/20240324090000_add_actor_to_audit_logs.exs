defmodule Shop.Repo.Migrations.AddActorToAuditLogs do
  use Ecto.Migration

  def change do
    alter table(:audit_logs) do
      add :actor_id, references(:users)
    end

    create index(:audit_logs, [:actor_id])

    execute "ALTER TABLE audit_logs RENAME actor_id TO user_id",
            "ALTER TABLE audit_logs RENAME user_id TO actor_id"
  end
end
