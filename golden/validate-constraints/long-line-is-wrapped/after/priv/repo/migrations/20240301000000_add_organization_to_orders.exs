defmodule Shop.Repo.Migrations.AddOrganizationToOrders do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      add :note, :string

      add :organization_id,
          references(:organizations, on_delete: :delete_all, type: :bigint, validate: false)

      add :billing_organization_id,
          references(:organizations, on_delete: :nilify_all, validate: false),
          null: true
    end

    create constraint(:orders, :total_below_a_million,
             check: "total >= 0 AND total < 1000000",
             validate: false
           )
  end
end
