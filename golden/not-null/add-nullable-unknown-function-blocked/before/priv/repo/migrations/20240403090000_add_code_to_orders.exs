defmodule Shop.Repo.Migrations.AddCodeToOrders do
  use Ecto.Migration

  def up do
    execute "CREATE FUNCTION order_code() RETURNS text AS $$ SELECT md5(random()::text) $$ LANGUAGE sql"

    alter table(:orders) do
      add :code, :string, default: fragment("order_code()")
    end
  end

  def down do
    alter table(:orders) do
      remove :code
    end

    execute "DROP FUNCTION order_code()"
  end
end
