defmodule Shop.Repo.Migrations.IdentifierTooLong do
  use Ecto.Migration

  def change do
    rename table(:orders), :note, to: :note_written_by_the_customer_at_checkout_time_for_the_warehouse_x
  end
end
