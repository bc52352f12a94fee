defmodule Shop.Repo.Migrations.DefaultOrderStatus do
  use Ecto.Migration

  def change do
    alter table(:orders, prefix: "shop") do
      modify :status, :string, default: "new"
    end
  end
end
