defmodule Shop.Repo.Migrations.RenameTotal do
  use Ecto.Migration

  def change do
    rename table(:orders), :total, to: :total_cents
  end
end
