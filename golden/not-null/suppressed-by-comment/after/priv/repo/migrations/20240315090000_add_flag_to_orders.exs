defmodule Shop.Repo.Migrations.AddFlagToOrders do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      # The orders table is empty in every environment.
      # excellent_migrations:safety-assured-for-next-line not_null_added
      add :flag, :boolean, null: false
    end
  end
end
