defmodule Shop.Repo.Migrations.AddPublicIdToOrders do
  use Ecto.Migration

  @new_uuid fragment("gen_random_uuid()")

  def change do
    alter table(:orders) do
      add :public_id, :uuid, default: @new_uuid
    end
  end
end
