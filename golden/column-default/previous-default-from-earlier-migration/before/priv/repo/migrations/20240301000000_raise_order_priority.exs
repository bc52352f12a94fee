defmodule Shop.Repo.Migrations.RaiseOrderPriority do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      modify :priority, :integer, default: 5
    end
  end
end
