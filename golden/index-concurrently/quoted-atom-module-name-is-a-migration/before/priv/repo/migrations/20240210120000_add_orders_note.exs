defmodule :"Elixir.Shop.Repo.Migrations.AddOrdersNote" do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      add :note, :text
    end

    create index(:orders, [:status])
  end
end
