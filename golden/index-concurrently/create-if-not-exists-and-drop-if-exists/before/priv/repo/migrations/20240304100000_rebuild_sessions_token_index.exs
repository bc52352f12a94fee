defmodule Shop.Repo.Migrations.RebuildSessionsTokenIndex do
  use Ecto.Migration

  def up do
    drop_if_exists index(:sessions, [:legacy_token])
    create_if_not_exists unique_index(:sessions, [:token])
  end

  def down do
    drop_if_exists unique_index(:sessions, [:token])
    create_if_not_exists index(:sessions, [:legacy_token])
  end
end
