defmodule Shop.Repo.Migrations.AddRegion do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      add :region, :string
    end

    alter table(:invoices) do
      add :region, :string
    end
  end
end
