defmodule Shop.Repo.Migrations.DefaultOrderStatus do
  use Ecto.Migration

  def change do
    alter table(:orders, comment: "orders placed in the shop") do
      modify :status, :string, default: "new"
    end
  end
end
