defmodule Shop.Repo.Migrations.ChangeTypes do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      modify :note, :string, size: 50
      modify :status, :text
      modify :amount, :decimal, precision: 12, scale: 2
    end
  end
end
