defmodule Shop.Repo.Migrations.AddUserToOrders do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      add :user_id, :bigint
    end

    execute "ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID",
            "ALTER TABLE orders DROP CONSTRAINT orders_user_id_fkey"
  end
end
