defmodule Shop.Repo.Migrations.DefaultOrderStatus do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      modify :status, :string, default: "new"
    end
  end
end
