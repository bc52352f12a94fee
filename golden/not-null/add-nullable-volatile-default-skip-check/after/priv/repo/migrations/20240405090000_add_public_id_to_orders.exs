defmodule Shop.Repo.Migrations.AddPublicIdToOrders do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      add :public_id, :uuid, default: fragment("gen_random_uuid()")
      add :currency, :string
    end
  end
end
