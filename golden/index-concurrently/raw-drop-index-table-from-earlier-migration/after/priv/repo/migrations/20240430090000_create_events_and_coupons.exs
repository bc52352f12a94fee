defmodule Shop.Repo.Migrations.CreateEventsAndCoupons do
  use Ecto.Migration

  def change do
    create table(:events, primary_key: false, options: "PARTITION BY RANGE (inserted_at)") do
      add :kind, :string
      timestamps()
    end

    execute "CREATE TABLE events_default PARTITION OF events DEFAULT", "DROP TABLE events_default"
    execute "CREATE INDEX events_kind_idx ON events (kind)", "DROP INDEX events_kind_idx"

    create table(:coupons) do
      add :code, :string
    end

    execute "CREATE INDEX coupons_code_idx ON coupons (code)", "DROP INDEX coupons_code_idx"
  end
end
