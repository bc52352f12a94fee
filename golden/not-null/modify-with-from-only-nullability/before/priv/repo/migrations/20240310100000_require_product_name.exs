defmodule Shop.Repo.Migrations.RequireProductName do
  use Ecto.Migration

  def change do
    alter table(:products) do
      modify :name, :string, null: false, from: {:string, null: true}
    end
  end
end
