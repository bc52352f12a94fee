defmodule Shop.Repo.Migrations.AddNoOverlap do
  use Ecto.Migration

  def change do
    create constraint(:bookings, :no_overlap, exclude: ~s|btree (room_id WITH =)|)
  end
end
