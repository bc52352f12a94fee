defmodule Shop.Repo.Migrations.AddTtlToOrders do
  use Ecto.Migration

  @default_servers ["1.1.1.1", "1.0.0.1"]

  def change do
    alter table(:orders) do
      add :ttl, :integer, default: :timer.hours(4)
      add :servers, {:array, :string}, default: @default_servers
    end
  end
end
