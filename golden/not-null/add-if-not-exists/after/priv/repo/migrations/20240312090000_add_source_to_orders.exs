defmodule Shop.Repo.Migrations.AddSourceToOrders do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      add_if_not_exists :source, :string
    end
  end
end
