defmodule Shop.Repo.Migrations.RequireOrderStatus do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      modify :status, :string, null: false, default: "placed"
    end
  end
end
