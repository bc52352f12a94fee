# mir-fix: ignore-file
defmodule Shop.Repo.Migrations.IndexAuditLog do
  use Ecto.Migration

  def change do
    create index(:audit_log, [:actor_id])
  end
end
