defmodule Shop.Repo.Migrations.AddSlugToOrders do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      add :slug, :string, null: false
    end
  end
end
