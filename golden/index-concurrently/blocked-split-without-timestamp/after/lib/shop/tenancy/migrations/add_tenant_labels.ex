defmodule Shop.Tenancy.Migrations.AddTenantLabels do
  use Ecto.Migration

  def change do
    alter table(:orders, prefix: prefix()) do
      add :label, :string
    end

    create index(:orders, [:label], prefix: prefix())
  end
end
