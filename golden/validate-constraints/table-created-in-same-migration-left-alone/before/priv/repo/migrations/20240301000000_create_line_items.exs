defmodule Shop.Repo.Migrations.CreateLineItems do
  use Ecto.Migration

  def change do
    create table(:line_items) do
      add :user_id, references(:users)
      add :quantity, :integer
    end

    alter table(:line_items) do
      add :buyer_id, references(:users)
    end

    create constraint(:line_items, :quantity_positive, check: "quantity > 0")
  end
end
