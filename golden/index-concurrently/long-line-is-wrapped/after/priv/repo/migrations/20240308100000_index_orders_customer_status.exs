defmodule Shop.Repo.Migrations.IndexOrdersCustomerStatus do
  use Ecto.Migration

  @disable_ddl_transaction true
  @disable_migration_lock true

  def change do
    create index(:orders, [:customer_id, :status, :inserted_at],
             where: "status = 'pending'",
             concurrently: true
           )
  end
end
