defmodule Shop.Repo.Migrations.ValidateProductsActiveNotNull do
  use Ecto.Migration

  def up do
    execute "ALTER TABLE products VALIDATE CONSTRAINT active_not_null"
  end

  def down, do: :ok
end
