defmodule Shop.Repo.Migrations.WidenOrderStatus do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      modify :status, :text, default: ""
    end
  end
end
