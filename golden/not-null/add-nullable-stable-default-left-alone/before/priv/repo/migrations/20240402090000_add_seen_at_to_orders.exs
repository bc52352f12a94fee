defmodule Shop.Repo.Migrations.AddSeenAtToOrders do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      add :seen_at, :utc_datetime, default: fragment("now()")
      add :checked_at, :naive_datetime, default: fragment("CURRENT_TIMESTAMP")
      add :priority, :integer, default: 0
      add :tags, {:array, :string}, default: []
    end
  end
end
