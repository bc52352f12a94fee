defmodule Shop.Repo.Migrations.AddUserToOrders do
  use Ecto.Migration

  @reference_options [on_delete: :delete_all]

  def change do
    alter table(:orders) do
      add :user_id, references(:users, @reference_options)
    end
  end
end
