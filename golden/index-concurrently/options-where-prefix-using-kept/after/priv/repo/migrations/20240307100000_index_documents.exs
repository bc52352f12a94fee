defmodule Shop.Repo.Migrations.IndexDocuments do
  use Ecto.Migration

  @disable_ddl_transaction true
  @disable_migration_lock true

  def change do
    create index(:documents, [:body],
             using: "GIN",
             prefix: "tenant_template",
             where: "deleted_at IS NULL",
             concurrently: true
           )
  end
end
