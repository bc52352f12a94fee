defmodule Shop.Repo.Migrations.AddNoteToOrders do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      add :note, :text
      modify :status, :string, default: "new"
    end
  end
end
