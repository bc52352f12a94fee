defmodule Shop.Repo.Migrations.DescribeOrderStatus do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      modify :status, :string, default: "new", comment: "where the order is"
    end
  end
end
