defmodule Shop.Repo.Migrations.CreateBookings do
  use Ecto.Migration

  def change do
    create table(:bookings) do
      add :room_id, :integer
    end
  end
end
