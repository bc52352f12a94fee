defmodule Shop.Repo.Migrations.CascadeOrderUsers do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      modify :user_id, references(:users, on_delete: :delete_all)
    end
  end
end
