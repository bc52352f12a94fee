defmodule Shop.Repo.Migrations.IndexAuditLog do
  use Ecto.Migration

  @safety_assured [:index_not_concurrently, :raw_sql_executed]

  def change do
    create index(:audit_log, [:actor_id])
  end
end
