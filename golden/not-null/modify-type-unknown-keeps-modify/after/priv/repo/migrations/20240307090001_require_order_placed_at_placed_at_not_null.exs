defmodule Shop.Repo.Migrations.RequireOrderPlacedAtPlacedAtNotNull do
  use Ecto.Migration

  def change do
    create constraint(:orders, :orders_placed_at_not_null,
             check: ~s("placed_at" IS NOT NULL),
             validate: false
           )
  end
end
