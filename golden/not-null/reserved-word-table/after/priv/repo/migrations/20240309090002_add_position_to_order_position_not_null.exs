defmodule Shop.Repo.Migrations.AddPositionToOrderPositionNotNull do
  use Ecto.Migration

  def change do
    create constraint(:order, :order_position_not_null,
             check: ~s("position" IS NOT NULL),
             validate: false
           )
  end
end
