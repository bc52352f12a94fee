defmodule Shop.Repo.Migrations.BanTruncateCascade do
  use Ecto.Migration

  def change do
    execute "TRUNCATE orders CASCADE", ""
  end
end
