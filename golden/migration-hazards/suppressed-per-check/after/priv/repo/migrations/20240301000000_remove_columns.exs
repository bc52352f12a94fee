defmodule Shop.Repo.Migrations.RemoveColumns do
  use Ecto.Migration

  # excellent_migrations:safety-assured-for-this-file raw_sql_executed

  def change do
    alter table(:orders) do
      # excellent_migrations:safety-assured-for-next-line column_removed
      remove :legacy_total
      # excellent_migrations:safety-assured-for-next-line raw_sql_executed
      remove :note
    end

    execute "CLUSTER orders USING orders_pkey", ""
    # mir-fix: ignore migration-hazards
    rename table(:orders), :total, to: :total_cents
  end
end
