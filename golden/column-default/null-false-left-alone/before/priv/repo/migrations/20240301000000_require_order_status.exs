defmodule Shop.Repo.Migrations.RequireOrderStatus do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      modify :status, :string, default: "new", null: false
    end
  end
end
