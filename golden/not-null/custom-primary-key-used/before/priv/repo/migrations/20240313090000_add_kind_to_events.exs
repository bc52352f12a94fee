defmodule Shop.Repo.Migrations.AddKindToEvents do
  use Ecto.Migration

  def change do
    alter table(:events) do
      add :kind, :string, null: false
    end
  end
end
