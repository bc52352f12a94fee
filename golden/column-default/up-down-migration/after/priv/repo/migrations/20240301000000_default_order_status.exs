defmodule Shop.Repo.Migrations.DefaultOrderStatus do
  use Ecto.Migration

  def up do
    execute ~s(ALTER TABLE "orders" ALTER COLUMN "status" SET DEFAULT 'new')
  end

  def down do
    alter table(:orders) do
      modify :status, :string, default: nil
    end
  end
end
