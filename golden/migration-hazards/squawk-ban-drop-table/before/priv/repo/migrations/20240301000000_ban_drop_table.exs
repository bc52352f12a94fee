defmodule Shop.Repo.Migrations.BanDropTable do
  use Ecto.Migration

  def change do
    execute "DROP TABLE IF EXISTS old_carts", ""
  end
end
