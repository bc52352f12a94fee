defmodule Shop.Repo.Migrations.AddPriorityToOrders do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      add :priority, :integer, default: 0
    end
  end
end
