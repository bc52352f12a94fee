defmodule Shop.Repo.Migrations.AddCurrencyToOrders do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      add :currency, :string
    end
  end
end
