defmodule Shop.Repo.Migrations.CreateRefunds do
  use Ecto.Migration

  def change do
    create table(:refunds) do
      add :order_id, references(:orders), null: false
      add :amount, :integer, null: false
    end

    alter table(:refunds) do
      add :reason, :string, null: false
    end
  end
end
