defmodule Shop.Repo.Migrations.ModifyOptions do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      modify :status, :string, default: "new"
      modify :customer_id, references(:customers, on_delete: :delete_all), from: references(:customers)
      modify :note, :string, null: true
      modify :last_ip, :inet, null: true, from: {:inet, null: false}
      modify :last_port, :integer, null: true, from: {:integer, null: true}
    end

    alter table(:customers) do
      modify :email, :string, null: false
    end
  end
end
