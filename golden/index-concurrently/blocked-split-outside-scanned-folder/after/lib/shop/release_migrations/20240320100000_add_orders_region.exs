defmodule Shop.ReleaseMigrations.AddOrdersRegion do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      add :region, :string
    end

    create index(:orders, [:status])
  end
end
