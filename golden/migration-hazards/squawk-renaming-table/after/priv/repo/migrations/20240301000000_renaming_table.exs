defmodule Shop.Repo.Migrations.RenamingTable do
  use Ecto.Migration

  def change do
    execute "ALTER TABLE orders RENAME TO purchases", "ALTER TABLE purchases RENAME TO orders"
  end
end
