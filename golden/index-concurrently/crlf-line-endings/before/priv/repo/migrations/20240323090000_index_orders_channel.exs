defmodule Shop.Repo.Migrations.IndexOrdersChannel do
  use Ecto.Migration

  def change do
    create index(:orders, [:channel])
  end
end
