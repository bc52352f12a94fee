defmodule Shop.Repo.Migrations.ValidateProductsActiveNotNull do
  use Ecto.Migration

  def up do
    execute "ALTER TABLE products VALIDATE CONSTRAINT active_not_null"

    alter table(:products) do
      modify :active, :boolean, null: false
    end
  end

  def down do
    alter table(:products) do
      modify :active, :boolean, null: true
    end
  end
end
