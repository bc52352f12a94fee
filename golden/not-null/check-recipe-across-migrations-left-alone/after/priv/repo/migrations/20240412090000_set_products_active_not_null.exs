defmodule Shop.Repo.Migrations.SetProductsActiveNotNull do
  use Ecto.Migration

  def change do
    alter table(:products) do
      modify :active, :boolean, null: false, from: {:boolean, null: true}
    end
  end
end
