defmodule Shop.Repo.Migrations.CascadeOrderUsers do
  use Ecto.Migration

  def change do
    drop constraint(:orders, :orders_user_id_fkey)

    alter table(:orders) do
      modify :user_id,
             references(:users, on_delete: :delete_all, type: :bigserial, validate: false),
             null: true
    end
  end
end
