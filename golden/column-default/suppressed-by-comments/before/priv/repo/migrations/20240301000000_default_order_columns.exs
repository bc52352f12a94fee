defmodule Shop.Repo.Migrations.DefaultOrderColumns do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      # excellent_migrations:safety-assured-for-next-line column_type_changed
      modify :status, :string, default: "new"
      # mir-fix: ignore column-default
      modify :priority, :integer, default: 5
    end
  end
end
