defmodule Shop.Repo.Migrations.RequireOrderStatus do
  use Ecto.Migration

  def up do
    execute """
    ALTER TABLE orders
      ALTER COLUMN status SET DEFAULT 'placed',
      ALTER COLUMN status SET NOT NULL
    """
  end

  def down do
    execute "ALTER TABLE orders ALTER COLUMN status DROP NOT NULL, ALTER COLUMN status DROP DEFAULT"
  end
end
