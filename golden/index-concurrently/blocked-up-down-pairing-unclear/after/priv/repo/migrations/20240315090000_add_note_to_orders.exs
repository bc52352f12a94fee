defmodule Shop.Repo.Migrations.AddNoteToOrders do
  use Ecto.Migration

  def up do
    alter table(:orders) do
      add :note, :text
    end

    create index(:orders, [:note])
  end

  def down do
    alter table(:orders) do
      remove :note
    end
  end
end
