defmodule Shop.ReleaseMigrations.AddTokenToOrders do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      add :token, :uuid, null: false, default: fragment("gen_random_uuid()")
    end
  end
end
