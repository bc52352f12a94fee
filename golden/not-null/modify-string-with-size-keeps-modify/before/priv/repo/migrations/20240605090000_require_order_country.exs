defmodule Shop.Repo.Migrations.RequireOrderCountry do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      modify :country, :string, null: false
    end
  end
end
