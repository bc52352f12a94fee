defmodule Shop.Repo.Migrations.AddOrdersChannel do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      add :channel, :string
    end
  end
end
