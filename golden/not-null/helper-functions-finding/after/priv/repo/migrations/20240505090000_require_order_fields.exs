defmodule Shop.Repo.Migrations.RequireOrderFields do
  use Ecto.Migration

  def up do
    execute(&set_status_not_null/0)
    require_total()
  end

  def down do
    execute("ALTER TABLE orders ALTER COLUMN status DROP NOT NULL")
    relax_total()
  end

  defp set_status_not_null do
    repo().query!("ALTER TABLE orders ALTER COLUMN status SET NOT NULL")
  end

  defp require_total do
    alter table(:orders) do
      modify :total, :integer, null: false
    end
  end

  defp relax_total do
    alter table(:orders) do
      modify :total, :integer, null: true
    end
  end
end
