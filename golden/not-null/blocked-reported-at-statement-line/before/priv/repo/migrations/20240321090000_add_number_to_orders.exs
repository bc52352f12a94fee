defmodule Shop.Repo.Migrations.AddNumberToOrders do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      add :note, :text
      add :number, :integer, null: false
    end

    create unique_index(:orders, [:number])
  end
end
