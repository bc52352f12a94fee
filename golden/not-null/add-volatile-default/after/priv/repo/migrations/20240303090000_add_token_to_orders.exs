defmodule Shop.Repo.Migrations.AddTokenToOrders do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      add :token, :uuid
    end
  end
end
