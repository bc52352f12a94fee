defmodule Shop.Repo.Migrations.AddSourceToOrders do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      add_if_not_exists :source, :string, null: false
    end
  end
end
