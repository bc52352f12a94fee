defmodule Shop.Repo.Migrations.WidenOrderTotal do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      modify :total, :bigint, null: false, from: {:integer, null: true}
    end
  end
end
