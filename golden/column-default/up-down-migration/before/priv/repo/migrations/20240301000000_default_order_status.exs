defmodule Shop.Repo.Migrations.DefaultOrderStatus do
  use Ecto.Migration

  def up do
    alter table(:orders) do
      modify :status, :string, default: "new"
    end
  end

  def down do
    alter table(:orders) do
      modify :status, :string, default: nil
    end
  end
end
