defmodule Shop.Repo.Migrations.BackfillCustomerRef do
  use Ecto.Migration

  def change do
    execute "UPDATE orders SET customer_ref = id::text", ""
  end
end
