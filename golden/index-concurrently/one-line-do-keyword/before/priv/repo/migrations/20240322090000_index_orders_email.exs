defmodule Shop.Repo.Migrations.IndexOrdersEmail do
  use Ecto.Migration

  def change, do: create(index(:orders, [:email]))
end
