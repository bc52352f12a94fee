defmodule Shop.Repo.Migrations.IndexDocuments do
  use Ecto.Migration

  def change do
    create index(:documents, [:body],
             using: "GIN",
             prefix: "tenant_template",
             where: "deleted_at IS NULL"
           )
  end
end
