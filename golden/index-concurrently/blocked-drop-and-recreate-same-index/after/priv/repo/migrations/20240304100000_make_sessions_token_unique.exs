defmodule Shop.Repo.Migrations.MakeSessionsTokenUnique do
  use Ecto.Migration

  def change do
    drop index(:sessions, [:token])
    create unique_index(:sessions, [:token])
  end
end
