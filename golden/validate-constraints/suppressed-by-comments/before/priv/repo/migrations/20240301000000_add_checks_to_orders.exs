defmodule Shop.Repo.Migrations.AddChecksToOrders do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      # excellent_migrations:safety-assured-for-next-line column_reference_added
      add :user_id, references(:users)
    end

    # mir-fix: ignore validate-constraints
    create constraint(:orders, :total_is_huge, check: "total > 100000")

    # excellent_migrations:safety-assured-for-next-line check_constraint_added
    create constraint(:orders, :total_is_small, check: "total < 1000000")
  end
end
