defmodule Shop.Repo.Migrations.AddExternalRefToOrders do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      add :external_ref, :uuid, null: false
    end
  end
end
