defmodule Shop.Repo.Migrations.RenamingColumn do
  use Ecto.Migration

  def change do
    execute "ALTER TABLE orders RENAME COLUMN total TO total_cents", "ALTER TABLE orders RENAME COLUMN total_cents TO total"
  end
end
