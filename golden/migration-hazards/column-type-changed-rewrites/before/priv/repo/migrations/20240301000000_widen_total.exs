defmodule Shop.Repo.Migrations.WidenTotal do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      modify :total, :bigint, from: :integer
    end
  end
end
