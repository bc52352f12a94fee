defmodule Shop.Repo.Migrations.RequireOrderFields do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      modify :status, :string, null: false, from: {:string, null: true}
      modify :total, :bigint, null: false, from: {:integer, null: true}
    end
  end
end
