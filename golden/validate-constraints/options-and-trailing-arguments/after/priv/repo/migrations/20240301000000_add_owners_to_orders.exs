defmodule Shop.Repo.Migrations.AddOwnersToOrders do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      add :user_id, references(:users, type: :bigint, validate: false)
      add :buyer_id, references(:users, validate: false), null: true

      add :shop_id,
          references(:shops,
            on_delete: :nilify_all,
            on_update: :update_all,
            validate: false
          )
    end
  end
end
