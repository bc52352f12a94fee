defmodule Shop.Repo.Migrations.DropCarts do
  use Ecto.Migration

  @safety_assured [:table_dropped]

  def change do
    drop table(:carts)
    rename table(:orders), :total, to: :total_cents
  end
end
