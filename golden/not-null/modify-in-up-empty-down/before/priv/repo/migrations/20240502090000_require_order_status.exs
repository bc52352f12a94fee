defmodule Shop.Repo.Migrations.RequireOrderStatus do
  use Ecto.Migration

  def up do
    alter table(:orders) do
      modify :status, :string, null: false
    end
  end

  def down do
  end
end
